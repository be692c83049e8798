/**
 * The peers: MapServer 8 (OGC API – Features) and QGIS Server (OGC API, /wfs3), both FastCGI
 * behind lighttpd on 127.0.0.1:8081, reading the same `poles` table of the bench database.
 * Installed through apt when missing; configured in bench/out/peers (reference configurations:
 * ../shared/peers). Both get the same session settings as polewatch (PGOPTIONS), so the
 * comparison is of servers, not of PostgreSQL settings.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PG_SESSION_OPTIONS } from '../server/db/pg.db.ts';

export const PEER_PORT = 8081;
const PACKAGES = ['cgi-mapserver', 'mapserver-bin', 'qgis-server', 'lighttpd', 'wrk'];
const DIR = resolve('bench/out/peers');

export interface PeerTarget {
  name: string;
  url: (bbox: string) => string;
}

export const PEERS: PeerTarget[] = [
  { name: 'MapServer 8 OGC API', url: (b) => `http://127.0.0.1:${PEER_PORT}/cgi-bin/mapserv/poles/ogcapi/collections/poles/items?f=json&limit=10000&bbox=${b}` },
  { name: 'QGIS Server OGC API', url: (b) => `http://127.0.0.1:${PEER_PORT}/cgi-bin/qgis_mapserv.fcgi/wfs3/collections/poles/items.geojson?limit=10000&bbox=${b}` },
];

/** apt-get install of whatever is missing; a no-op on a machine that has them all. */
export function installPeers(log: (m: string) => void): void {
  const missing = PACKAGES.filter((p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout.includes('install ok installed') === false);
  if (missing.length === 0) return;
  log(`installing ${missing.join(' ')} (apt-get)`);
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args: string[]) => execFileSync(asRoot.length ? 'sudo' : args[0]!, asRoot.length ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
}

export interface PgTarget { host: string; port: string; db: string; user: string; password: string }

export function pgTarget(url: string): PgTarget {
  const u = new URL(url);
  return { host: u.hostname, port: u.port || '5432', db: u.pathname.slice(1), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

/**
 * What the peers read: the poles table's own columns except the Feature text polewatch renders
 * for itself (migration 0014), which would otherwise double what they fetch and send.
 */
export interface PeerSource { pg: PgTarget; columns: string[] }

function mapfile({ pg, columns }: PeerSource): string {
  const pw = pg.password ? ` password=${pg.password}` : '';
  return `MAP
  NAME "poles"
  EXTENT 115.8 36.3 116.2 36.6
  SIZE 800 600
  UNITS DD
  PROJECTION "init=epsg:4326" END
  WEB
    METADATA
      "oga_title" "polewatch bench poles"
      "oga_onlineresource" "http://127.0.0.1:${PEER_PORT}/cgi-bin/mapserv/poles/ogcapi"
      "oga_enable_request" "*"
      "oga_max_limit" "50000"
      "oga_default_limit" "10000"
      "oga_geometry_precision" "7"
    END
  END
  LAYER
    NAME "poles"
    TYPE POINT
    STATUS OFF
    CONNECTIONTYPE POSTGIS
    CONNECTION "host=${pg.host} port=${pg.port} dbname=${pg.db} user=${pg.user}${pw}"
    DATA "geom from (SELECT ${columns.join(', ')} FROM poles) AS p using unique id using srid=4326"
    PROCESSING "CLOSE_CONNECTION=DEFER"
    PROJECTION "init=epsg:4326" END
    EXTENT 115.8 36.3 116.2 36.6
    METADATA
      "oga_title" "poles"
      "gml_include_items" "all"
      "gml_exclude_items" "geom"
      "gml_featureid" "id"
      "gml_types" "auto"
    END
    TEMPLATE VOID
  END
END
`;
}

const MAPSERVER_CONF = `CONFIG
  ENV
    MS_MAP_PATTERN "^${DIR}/"
    MS_ERRORFILE "${DIR}/ms_error.log"
    OGCAPI_HTML_TEMPLATE_DIRECTORY "/usr/share/mapserver/ogcapi/templates/html-plain/"
  END
  MAPS
    poles "${DIR}/poles.map"
  END
END
`;

function qgisProjectScript({ pg, columns }: PeerSource): string {
  return `from qgis.core import QgsApplication, QgsProject, QgsVectorLayer, QgsDataSourceUri, QgsCoordinateReferenceSystem
app = QgsApplication([], False); app.initQgis()
uri = QgsDataSourceUri()
uri.setConnection(${JSON.stringify(pg.host)}, ${JSON.stringify(pg.port)}, ${JSON.stringify(pg.db)}, ${JSON.stringify(pg.user)}, ${JSON.stringify(pg.password)})
uri.setDataSource("", ${JSON.stringify(`(SELECT ${columns.join(', ')} FROM poles)`)}, "geom", "", "id")
uri.setSrid("4326"); uri.setWkbType(1)
lyr = QgsVectorLayer(uri.uri(False), "poles", "postgres")
assert lyr.isValid(), "QGIS cannot open the poles layer"
p = QgsProject.instance()
p.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
p.addMapLayer(lyr)
p.writeEntry("WMSServiceCapabilities", "/", True)
p.writeEntry("WFSLayers", "/", [lyr.id()])
p.writeEntry("WFSLayersPrecision", "/" + lyr.id(), 7)
p.writeEntry("WMSExtent", "/", ["115.8", "36.3", "116.2", "36.6"])
p.writeEntry("WFSUrl", "/", "")
assert p.write(${JSON.stringify(`${DIR}/poles.qgs`)})
app.exitQgis()
`;
}

const LIGHTTPD_CONF = `server.modules = ( "mod_fastcgi", "mod_access" )
server.bind = "127.0.0.1"
server.port = ${PEER_PORT}
server.document-root = "${DIR}/www"
server.pid-file = "${DIR}/lighttpd.pid"
server.errorlog = "${DIR}/lighttpd-error.log"
server.max-keep-alive-requests = 100000
server.max-keep-alive-idle = 30
fastcgi.server = (
  "/cgi-bin/mapserv" => ((
     "socket" => "${DIR}/mapserv.fcgi.sock",
     "bin-path" => "/usr/lib/cgi-bin/mapserv",
     "min-procs" => 4, "max-procs" => 4,
     "check-local" => "disable",
     "bin-environment" => ( "MAPSERVER_CONFIG_FILE" => "${DIR}/mapserver.conf", "PGOPTIONS" => "${PG_SESSION_OPTIONS}" )
  )),
  "/cgi-bin/qgis_mapserv.fcgi" => ((
     "socket" => "${DIR}/qgis.fcgi.sock",
     "bin-path" => "/usr/lib/cgi-bin/qgis_mapserv.fcgi",
     "min-procs" => 4, "max-procs" => 4,
     "check-local" => "disable",
     "bin-environment" => ( "QGIS_PROJECT_FILE" => "${DIR}/poles.qgs", "QT_QPA_PLATFORM" => "offscreen",
                            "QGIS_SERVER_LOG_LEVEL" => "2", "QGIS_SERVER_LOG_FILE" => "${DIR}/qgis-server.log",
                            "HOME" => "${DIR}/home", "XDG_RUNTIME_DIR" => "${DIR}/xdg", "PGOPTIONS" => "${PG_SESSION_OPTIONS}" )
  ))
)
`;

export interface RunningPeers {
  stop(): Promise<void>;
}

/** Writes the configurations, starts lighttpd and returns how to stop it and its FastCGI children. */
export async function startPeers(dbUrl: string, columns: string[], log: (m: string) => void): Promise<RunningPeers> {
  const src: PeerSource = { pg: pgTarget(dbUrl), columns };
  rmSync(DIR, { recursive: true, force: true });
  for (const d of ['www', 'home', 'xdg']) mkdirSync(`${DIR}/${d}`, { recursive: true, mode: 0o700 });
  writeFileSync(`${DIR}/poles.map`, mapfile(src));
  writeFileSync(`${DIR}/mapserver.conf`, MAPSERVER_CONF);
  writeFileSync(`${DIR}/mkproject.py`, qgisProjectScript(src));
  writeFileSync(`${DIR}/lighttpd.conf`, LIGHTTPD_CONF);
  execFileSync('/usr/bin/python3', [`${DIR}/mkproject.py`], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', HOME: `${DIR}/home`, XDG_RUNTIME_DIR: `${DIR}/xdg` }, stdio: ['ignore', 'ignore', 'pipe'] });
  // lighttpd -D would tie it to our stdio; the daemon writes its PID file, which is how we stop it.
  execFileSync('/usr/sbin/lighttpd', ['-f', `${DIR}/lighttpd.conf`], { stdio: 'inherit' });
  const pid = Number(readFileSync(`${DIR}/lighttpd.pid`, 'utf8').trim());
  log(`lighttpd (pid ${pid}) with MapServer and QGIS Server FastCGI on 127.0.0.1:${PEER_PORT}`);
  const peers: RunningPeers = {
    async stop() {
      // The FastCGI processes may outlive lighttpd: collect them by parent PID first, stop them by PID,
      // and kill those still there a second later (mapserv can miss a TERM while it starts up).
      const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter((p) => p > 0);
      const signal = (sig: NodeJS.Signals) => {
        for (const p of [pid, ...children]) {
          try {
            process.kill(p, sig);
          } catch {
            // already gone
          }
        }
      };
      signal('SIGTERM');
      await new Promise((r) => setTimeout(r, 1000));
      signal('SIGKILL');
    },
  };
  // Wait until both answer: QGIS loads its project on the first request of each process.
  for (const t of PEERS) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ok = await fetch(t.url('115.98,36.45,115.99,36.46')).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) {
        await peers.stop();
        throw new Error(`${t.name} did not answer; see ${DIR}/*.log`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return peers;
}

export function peerVersions(): { mapserver: string; qgis: string } {
  const ms = existsSync('/usr/bin/mapserv') ? /MapServer version (\S+)/.exec(spawnSync('mapserv', ['-v'], { encoding: 'utf8' }).stdout)?.[1] ?? '?' : '-';
  const qgis = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'qgis-server'], { encoding: 'utf8' }).stdout.trim() || '-';
  return { mapserver: ms, qgis };
}
