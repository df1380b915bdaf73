import type { Region, Role } from '../ipc/backend';
import { useI18n } from '../i18n';
import { ChoiceSelect } from './ChoiceSelect';
import { Field } from './Field';
import { REGIONS, ROLES } from './regions';

interface RoleRegionFieldsProps {
  /** Ids are `${idPrefix}-role` and `${idPrefix}-region`. */
  idPrefix: string;
  roleLabel: string;
  regionLabel: string;
  role: Role;
  region: Region;
  onRole: (role: Role) => void;
  onRegion: (region: Region) => void;
  roleError?: string;
  regionError?: string;
}

/** A staff account's role and home region, chosen the same way when adding and when changing one. */
export function RoleRegionFields(props: RoleRegionFieldsProps) {
  const { t } = useI18n();
  return (
    <div class="form-row">
      <Field id={`${props.idPrefix}-role`} label={props.roleLabel} error={props.roleError}>
        {(a11y) => (
          <ChoiceSelect a11y={a11y} choices={ROLES} value={props.role} labelOf={(code) => t(`role.${code}`)} onChange={props.onRole} />
        )}
      </Field>
      <Field id={`${props.idPrefix}-region`} label={props.regionLabel} error={props.regionError}>
        {(a11y) => (
          <ChoiceSelect
            a11y={a11y}
            choices={REGIONS}
            value={props.region}
            labelOf={(code) => t(`region.${code}`)}
            onChange={props.onRegion}
          />
        )}
      </Field>
    </div>
  );
}
