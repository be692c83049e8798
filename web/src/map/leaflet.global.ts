import * as L from 'leaflet';

/**
 * Leaflet-Geoman is a classic Leaflet plugin: it reads a global `L` and hangs `L.PM` on it.
 * Our Leaflet comes in as a module with no global, and a module namespace cannot be added
 * to, so the plugin gets a plain copy. It patches the shared classes (L.Map, L.Polyline)
 * through that copy, which is what gives our maps their `map.pm`. Import this module before
 * the plugin.
 */
const host = window as unknown as { L?: object };
host.L ??= { ...L };
