import { contentLocaleOf, type ContentLocale } from '../shared/translations.js';

/** The survey page's own words (not the survey's), one set per language the member page speaks. */
export interface SurveyFormTexts {
  npsHint: string;
  csatHint: string;
  yourAnswer: string;
  required: string;
  thanks: string;
  submit: string;
}

const TEXTS: Record<ContentLocale, SurveyFormTexts> = {
  en: {
    npsHint: '0 = not at all likely, 10 = extremely likely',
    csatHint: '1 = very unsatisfied, 5 = very satisfied',
    yourAnswer: 'Your answer',
    required: '(required)',
    thanks: 'Thank you: your answers are recorded.',
    submit: 'Send my answers',
  },
  de: {
    npsHint: '0 = überhaupt nicht wahrscheinlich, 10 = äußerst wahrscheinlich',
    csatHint: '1 = sehr unzufrieden, 5 = sehr zufrieden',
    yourAnswer: 'Ihre Antwort',
    required: '(Pflichtfeld)',
    thanks: 'Vielen Dank: Ihre Antworten wurden gespeichert.',
    submit: 'Antworten senden',
  },
  et: {
    npsHint: '0 = üldse mitte tõenäoliselt, 10 = väga tõenäoliselt',
    csatHint: '1 = väga rahulolematu, 5 = väga rahul',
    yourAnswer: 'Teie vastus',
    required: '(kohustuslik)',
    thanks: 'Aitäh! Teie vastused on salvestatud.',
    submit: 'Saada vastused',
  },
  sl: {
    npsHint: '0 = sploh ni verjetno, 10 = zelo verjetno',
    csatHint: '1 = zelo nezadovoljen, 5 = zelo zadovoljen',
    yourAnswer: 'Vaš odgovor',
    required: '(obvezno)',
    thanks: 'Hvala: vaši odgovori so shranjeni.',
    submit: 'Pošlji odgovore',
  },
  ru: {
    npsHint: '0 = совсем маловероятно, 10 = очень вероятно',
    csatHint: '1 = совсем не доволен, 5 = очень доволен',
    yourAnswer: 'Ваш ответ',
    required: '(обязательно)',
    thanks: 'Спасибо! Ваши ответы сохранены.',
    submit: 'Отправить ответы',
  },
  kk: {
    npsHint: '0 = мүлдем ықтимал емес, 10 = өте ықтимал',
    csatHint: '1 = мүлдем риза емеспін, 5 = өте ризамын',
    yourAnswer: 'Сіздің жауабыңыз',
    required: '(міндетті)',
    thanks: 'Рақмет! Жауаптарыңыз сақталды.',
    submit: 'Жауаптарды жіберу',
  },
};

/** The page's language and its texts: the customer's own where we have it, English otherwise. */
export const surveyFormTexts = (
  locale: string | null | undefined,
): { language: ContentLocale; texts: SurveyFormTexts } => {
  const language = contentLocaleOf(locale) ?? 'en';
  return { language, texts: TEXTS[language] };
};
