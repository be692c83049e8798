import { CASE_CATEGORIES } from '../api/cases.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import type { NewViolationInput } from '../offline/outbox.actions.ts';
import { h } from '../ui/dom.builder.ts';
import { checkField, field, select, type FieldHandle } from '../ui/form.field.ts';
import { PhotoUploads } from './photo.uploads.ts';

const MAX_DESCRIPTION = 2000;

/**
 * "Flag a violation here too": a switch that opens the category, what was seen, and photos
 * taken with the phone's camera. Part of the add-a-pole sheet; the photos go to the case as
 * evidence, queued in the outbox behind the pole and the case.
 */
export class ViolationFields {
  readonly el: HTMLElement;
  private readonly toggle: FieldHandle<HTMLInputElement>;
  private readonly category: FieldHandle<HTMLSelectElement>;
  private readonly description: FieldHandle<HTMLTextAreaElement>;
  private readonly photos = new PhotoUploads('violation-photos');
  private readonly details: HTMLElement;

  constructor() {
    this.toggle = checkField(t('fieldFlag.toggle'), false, t('fieldFlag.toggleHint'));
    this.toggle.control.dataset.testid = 'flag-toggle';
    this.category = field(
      t('flag.category'),
      select([{ value: '', label: t('flag.categoryChoose') }, ...CASE_CATEGORIES.map((c) => ({ value: c, label: tEnum('case.category', c) }))], '', {
        name: 'category',
        'data-testid': 'flag-category',
      }),
    );
    this.description = field(
      t('flag.description'),
      h('textarea', { name: 'description', rows: 3, maxlength: MAX_DESCRIPTION, 'data-testid': 'flag-description' }),
      t('fieldFlag.descriptionHint'),
    );
    this.details = h('div', { class: 'flag-details', hidden: true }, this.category.row, this.description.row, ...this.photos.nodes);
    this.el = h('fieldset', { class: 'flag-fields' }, h('legend', null, t('fieldFlag.title')), this.toggle.row, this.details);
    this.toggle.control.addEventListener('change', () => {
      this.details.hidden = !this.toggle.control.checked;
    });
  }

  /** The violation to queue, null when not flagged, or 'invalid' (with the fields marked). */
  read(): Omit<NewViolationInput, 'poles' | 'photoPole' | 'keys'> | null | 'invalid' {
    this.category.setError(null);
    this.description.setError(null);
    if (!this.toggle.control.checked) return null;
    let valid = !this.photos.invalid();
    if (this.category.control.value === '') {
      this.category.setError(t('flag.categoryRequired'));
      valid = false;
    }
    const description = this.description.control.value.trim();
    if (description === '') {
      this.description.setError(t('flag.descriptionRequired'));
      valid = false;
    }
    if (!valid) return 'invalid';
    return { category: this.category.control.value, description, photos: this.photos.files() };
  }
}
