/** Assertions shared by the list parser specs (jest only). */
import { ListParseError } from './list-entry';

/** `fn` must throw a ListParseError whose message matches `where` (the line or element it names). */
export function expectParseError(fn: () => unknown, where: RegExp): ListParseError {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ListParseError);
  expect((err as ListParseError).message).toMatch(where);
  return err as ListParseError;
}

/** The same for a parse that runs asynchronously (a stream). */
export async function expectParseErrorAsync(p: Promise<unknown>, where: RegExp): Promise<ListParseError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ListParseError);
  expect((err as ListParseError).message).toMatch(where);
  return err as ListParseError;
}
