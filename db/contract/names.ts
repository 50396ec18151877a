/**
 * When two names (課等, 保管場所 …) are one: after NFKC, without spaces and without characters
 * that show nothing (zero-width space, joiners, soft hyphen: Default_Ignorable), 「市民 課」 is
 * 「市民課」 and 「キャビネットＡ」 is 「キャビネットA」. An import reads a name from Excel this
 * way, so two names equal under it could not be told apart there (nor on paper).
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/[\s\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu, '');
}
