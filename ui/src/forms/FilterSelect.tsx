import { ChoiceSelect } from './ChoiceSelect';
import { Field } from './Field';

interface FilterSelectProps<T extends string> {
  id: string;
  label: string;
  values: readonly T[];
  value: T | '';
  /** The visible, translated name of a value. */
  labelOf: (value: T) => string;
  /** The name of the blank first choice ("any"), which stands for no filter. */
  anyLabel: string;
  onChange: (value: T | '') => void;
}

/** A labelled filter select: a blank "any" choice, then each value shown translated. */
export function FilterSelect<T extends string>({ id, label, values, value, labelOf, anyLabel, onChange }: FilterSelectProps<T>) {
  const choices: readonly (T | '')[] = ['', ...values];
  return (
    <Field id={id} label={label}>
      {(a11y) => (
        <ChoiceSelect
          a11y={a11y}
          choices={choices}
          value={value}
          labelOf={(choice) => (choice === '' ? anyLabel : labelOf(choice))}
          onChange={onChange}
        />
      )}
    </Field>
  );
}
