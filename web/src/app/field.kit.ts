import type * as L from 'leaflet';
import { FieldControls } from '../map/field.controls.ts';
import { LocateTracker } from '../map/locate.tracker.ts';
import { OutboxControl } from '../map/outbox.control.ts';
import type { Owners } from '../map/owner.colours.ts';
import { PendingLayer, type PendingPole } from '../map/pending.layer.ts';
import { OutboxDialog } from '../offline/outbox.dialog.ts';
import { outboxItems } from '../offline/outbox.store.ts';
import { outboxSent, outboxSync } from '../offline/outbox.sync.ts';
import type { OutboxItem } from '../offline/outbox.types.ts';
import { NewPolePanel, POLE_RECORDERS } from '../panels/new.pole.panel.ts';
import { currentUser } from '../state/session.store.ts';

export interface FieldKitOptions {
  map: L.Map;
  owners: Owners;
  /** where the add-a-pole sheet goes (beside the pole panel) */
  host: HTMLElement;
  /** the pole panel closes while a new pole is being placed */
  closePolePanel: () => void;
  /** a record reached the server: the map reloads to draw it as a real pole */
  onSent: () => void;
}

/** For the browser tests: the outbox as the page sees it. */
export interface OutboxSummary {
  kind: OutboxItem['kind'];
  ref: string;
  state: OutboxItem['state'];
  attempts: number;
  error: string | null;
}

/**
 * What an officer on a phone needs beyond the map: locate me, add a pole where I stand,
 * the outbox badge and list, and the pending poles drawn on the map. Started once the map
 * exists; the outbox starts sending what earlier visits left in it.
 */
export class FieldKit {
  readonly locate: LocateTracker;
  readonly newPole: NewPolePanel;
  private readonly pending: PendingLayer;

  constructor(options: FieldKitOptions) {
    const { map, owners } = options;
    this.locate = new LocateTracker(map);
    const openOutbox = (): void => new OutboxDialog(owners).open();
    this.newPole = new NewPolePanel({ map, locate: this.locate, owners, onOpen: options.closePolePanel, onQueued: () => undefined });
    options.host.appendChild(this.newPole.el);
    this.pending = new PendingLayer(map, openOutbox);
    new OutboxControl(openOutbox).addTo(map);
    new FieldControls({
      locate: this.locate,
      canAdd: () => POLE_RECORDERS.has(currentUser()?.role ?? ''),
      onAdd: () => void this.newPole.start(),
    }).addTo(map);
    outboxSent.subscribe(options.onSent);
    outboxSync.start();
  }

  pendingPoles(): PendingPole[] {
    return this.pending.poles();
  }

  outbox(): OutboxSummary[] {
    return outboxItems.get().map((i) => ({ kind: i.kind, ref: i.ref, state: i.state, attempts: i.attempts, error: i.error?.message ?? i.error?.code ?? null }));
  }
}
