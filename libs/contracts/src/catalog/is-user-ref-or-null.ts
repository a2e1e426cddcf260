import { UserRef } from './common.dto';
import { IsNestedObject, Nullable } from './field-decorators';

/** A `UserRef` field that is null where no user was involved (an automation or an integration acted). */
export function IsUserRefOrNull(): (target: object, propertyKey: string) => void {
  return (target, propertyKey) => {
    IsNestedObject(() => UserRef)(target, propertyKey);
    Nullable()(target, propertyKey);
  };
}
