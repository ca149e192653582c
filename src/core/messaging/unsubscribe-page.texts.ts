import { contentLocaleOf, type ContentLocale } from '../shared/translations.js';

/** The unsubscribe page's words, one set per language the member page speaks. */
export interface UnsubscribePageTexts {
  invalidTitle: string;
  invalidBody: string;
  title: string;
  question: string;
  button: string;
  doneTitle: string;
  doneBody: string;
}

const TEXTS: Record<ContentLocale, UnsubscribePageTexts> = {
  en: {
    invalidTitle: 'Link not valid',
    invalidBody: 'This unsubscribe link is not valid.',
    title: 'Unsubscribe',
    question:
      'Stop receiving marketing e-mails from us? Messages you asked for (such as statements) still arrive.',
    button: 'Unsubscribe',
    doneTitle: 'Unsubscribed',
    doneBody: 'You will not receive marketing e-mails any more.',
  },
  de: {
    invalidTitle: 'Link ungültig',
    invalidBody: 'Dieser Abmeldelink ist nicht gültig.',
    title: 'Abmelden',
    question:
      'Keine Werbe-E-Mails mehr von uns erhalten? Nachrichten, die Sie angefordert haben (etwa Kontoauszüge), kommen weiterhin an.',
    button: 'Abmelden',
    doneTitle: 'Abgemeldet',
    doneBody: 'Sie erhalten keine Werbe-E-Mails mehr.',
  },
  et: {
    invalidTitle: 'Link ei kehti',
    invalidBody: 'See tellimusest loobumise link ei kehti.',
    title: 'Loobu tellimusest',
    question:
      'Kas lõpetada meie turunduskirjade saatmine? Kirjad, mida olete ise soovinud (näiteks väljavõtted), tulevad edasi.',
    button: 'Loobu tellimusest',
    doneTitle: 'Tellimusest loobutud',
    doneBody: 'Te ei saa enam meie turunduskirju.',
  },
  sl: {
    invalidTitle: 'Povezava ni veljavna',
    invalidBody: 'Ta povezava za odjavo ni veljavna.',
    title: 'Odjava',
    question:
      'Ne želite več prejemati naših trženjskih e-poštnih sporočil? Sporočila, ki ste jih zahtevali (na primer izpiski), boste še vedno prejemali.',
    button: 'Odjava',
    doneTitle: 'Odjavljeni',
    doneBody: 'Trženjskih e-poštnih sporočil ne boste več prejemali.',
  },
  ru: {
    invalidTitle: 'Ссылка недействительна',
    invalidBody: 'Эта ссылка для отписки недействительна.',
    title: 'Отписаться',
    question:
      'Больше не получать от нас рекламные письма? Сообщения, которые вы запрашивали (например, выписки), будут приходить по-прежнему.',
    button: 'Отписаться',
    doneTitle: 'Вы отписались',
    doneBody: 'Вы больше не будете получать рекламные письма.',
  },
  kk: {
    invalidTitle: 'Сілтеме жарамсыз',
    invalidBody: 'Бұл жазылымнан бас тарту сілтемесі жарамсыз.',
    title: 'Жазылымнан бас тарту',
    question:
      'Бізден жарнамалық хаттар алуды тоқтатасыз ба? Өзіңіз сұраған хабарламалар (мысалы, үзінділер) келе береді.',
    button: 'Бас тарту',
    doneTitle: 'Жазылымнан бас тарттыңыз',
    doneBody: 'Сіз енді жарнамалық хаттар алмайсыз.',
  },
};

/** The first language we have among the given tags (the customer's locale first), else English. */
export const unsubscribePageTexts = (
  ...tags: (string | null | undefined)[]
): { language: ContentLocale; texts: UnsubscribePageTexts } => {
  const language = tags.map(contentLocaleOf).find((l) => l !== null) ?? 'en';
  return { language, texts: TEXTS[language] };
};
