/**
 * A list of every member of a string union, once each, for the pages' filters and pickers: when
 * the API adds a value (a new status in api.generated.ts), the list is a type error until it names
 * it. `everyValue<Status>()(['open', 'done'])`
 */
export const everyValue =
  <Value extends string>() =>
  <const List extends readonly Value[]>(
    list: List &
      ([Exclude<Value, List[number]>] extends [never]
        ? unknown
        : { missing: Exclude<Value, List[number]> }),
  ): List =>
    list;
