/** A language code for a labeled page when the page does not declare one. */

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;
const KANA = /[\u3040-\u30ff]/g;
const HANGUL = /[\uac00-\ud7a3]/g;
const LATIN = /[A-Za-z]/g;

/** `declared` (an HTML lang attribute) reduced to its primary tag, else a guess from the text's script. */
export function pageLang(declared: string | null | undefined, text: string): string {
  if (declared && /^[A-Za-z]{2,3}\b/.test(declared)) return declared.slice(0, declared.search(/[^A-Za-z]|$/)).toLowerCase();
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const han = count(HAN);
  const kana = count(KANA);
  const hangul = count(HANGUL);
  const latin = count(LATIN);
  if (kana > 0 && kana + han > latin / 4) return 'ja';
  if (hangul > han && hangul > latin / 4) return 'ko';
  if (han > latin / 4 && han > 0) return 'zh';
  if (latin > 0) return 'en';
  return 'unknown';
}
