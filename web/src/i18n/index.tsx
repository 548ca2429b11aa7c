import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import en from './en.json';
import id from './id.json';

export type Lang = 'id' | 'en';
export type MessageKey = keyof typeof id;
const CATALOGS: Record<Lang, Record<MessageKey, string>> = { id, en };
const STORAGE = 'kolabora.lang'; // the chosen language only; never a token

/** Indonesian unless the browser prefers English, or the person chose a language on the toggle. */
function initialLang(): Lang {
  const stored = localStorage.getItem(STORAGE);
  if (stored === 'id' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'id';
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** A message key chosen at run time (an enum value, an error code), or the fallback when the catalog has none. */
  tx: (key: string, fallback: string) => string;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<I18n>(() => {
    const catalog = CATALOGS[lang];
    const fill = (text: string, vars?: Record<string, string | number>): string =>
      vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;
    document.documentElement.lang = lang;
    return {
      lang,
      setLang: (next) => {
        localStorage.setItem(STORAGE, next);
        setLangState(next);
      },
      t: (key, vars) => fill(catalog[key], vars),
      tx: (key, fallback) => (key in catalog ? catalog[key as MessageKey] : fallback),
    };
  }, [lang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
