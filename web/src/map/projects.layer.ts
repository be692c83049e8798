import * as L from 'leaflet';
import type { ProjectCollection, ProjectProps } from '../api/burial.types.ts';
import { formatLength } from '../campaign/figures.format.ts';
import { onLangChange, tEnum } from '../i18n/i18n.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { projectStyle } from './burial.style.ts';

/** Burial projects (线缆入地工程) as lines coloured by status; a click opens the project. */
export class ProjectsLayer {
  private readonly group = L.layerGroup();
  private projects: ProjectCollection['features'] = [];

  constructor(
    map: L.Map,
    private readonly renderer: L.Renderer,
    private readonly onSelect: (id: number) => void,
  ) {
    this.group.addTo(map);
    onLangChange(() => this.draw());
  }

  render(collection: ProjectCollection): void {
    this.projects = collection.features.filter((f) => f.geometry?.type === 'LineString');
    this.draw();
  }

  clear(): void {
    this.projects = [];
    this.draw();
  }

  drawn(): Array<Pick<ProjectProps, 'id' | 'status'>> {
    return this.projects.map((f) => ({ id: f.properties.id, status: f.properties.status }));
  }

  private draw(): void {
    this.group.clearLayers();
    for (const f of this.projects) {
      const p = f.properties;
      const line = L.polyline(
        f.geometry.coordinates.map(([lng = 0, lat = 0]) => L.latLng(lat, lng)),
        { ...projectStyle(p.status), renderer: this.renderer },
      );
      line.bindTooltip(() => h('span', null, h('strong', null, bdi(p.name)), h('br'), tEnum('plan.status', p.status), ' · ', formatLength(p.length_m)), {
        sticky: true,
        className: 'plan-tooltip',
      });
      line.on('click', () => this.onSelect(p.id));
      this.group.addLayer(line);
    }
  }
}
