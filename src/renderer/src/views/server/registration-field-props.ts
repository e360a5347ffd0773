import type { RegistrationFieldView } from '../../../../shared/ipc/servers-contract';

/** What RegistrationFieldInput hands the input of one kind of field (a file, the purposes). */
export interface RegistrationFieldProps<V> {
  readonly field: RegistrationFieldView;
  readonly label: string;
  readonly value: V;
  readonly onChange: (value: V) => void;
  readonly errorMessage: string | null;
}
