import type { DistrictProps, Organisation } from '../api/api.types.ts';
import { fetchDistricts, fetchOrganisations } from '../api/reference.api.ts';
import { lang } from '../i18n/i18n.ts';

/** Organisations and districts for the pickers and for naming codes in the lists. */
export class AdminRefs {
  private constructor(
    readonly organisations: readonly Organisation[],
    readonly districts: readonly DistrictProps[],
  ) {}

  static async load(): Promise<AdminRefs> {
    const [orgs, districts] = await Promise.all([fetchOrganisations(), fetchDistricts()]);
    return new AdminRefs(orgs, districts.features.map((f) => f.properties));
  }

  carriers(): Organisation[] {
    return this.organisations.filter((o) => o.kind === 'carrier');
  }

  /** The name in the current language; an unknown code is shown as sent. */
  orgName(code: string | null): string | null {
    if (code === null) return null;
    const org = this.organisations.find((o) => o.code === code);
    if (!org) return code;
    return lang() === 'zh' ? org.name_zh : org.name_en || org.name_zh;
  }

  districtName(code: string | null): string | null {
    if (code === null) return null;
    const d = this.districts.find((x) => x.code === code);
    if (!d) return code;
    return lang() === 'zh' ? d.name_zh : d.name_en || d.name_zh;
  }

  orgKind(code: string | null): Organisation['kind'] | null {
    return this.organisations.find((o) => o.code === code)?.kind ?? null;
  }
}
