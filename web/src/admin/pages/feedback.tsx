import { Route, Routes } from 'react-router';
import { ComplaintDetail } from '../engagement/complaint-detail';
import { ComplaintForm } from '../engagement/complaint-form';
import { SurveyDetail } from '../engagement/survey-detail';
import { SurveyForm } from '../engagement/survey-form';
import { ComplaintListPanel, ComplaintStatsPanel } from '../engagement/complaints-panels';
import { WINDOWS, useFeedbackSettings } from '../engagement/feedback-window';
import { useCalendar, useSurveys } from '../engagement/queries';
import { ScoresPanel } from '../engagement/scores-panel';
import { SurveysPanel } from '../engagement/surveys-panel';
import { GRANULARITIES, type Survey } from '../engagement/types';
import { Loaded, PageTitle } from '../ui';

/** Feedback: the reports at /admin/feedback; a survey and a complaint case each have a page. */
export const FeedbackPage = () => (
  <Routes>
    <Route index element={<FeedbackOverview />} />
    <Route
      path="surveys/new"
      element={
        <>
          <PageTitle>New survey</PageTitle>
          <SurveyForm />
        </>
      }
    />
    <Route path="surveys/:id" element={<SurveyDetail />} />
    <Route path="complaints/new" element={<ComplaintForm />} />
    <Route path="complaints/:id" element={<ComplaintDetail />} />
  </Routes>
);

/**
 * /admin/feedback: NPS and CSAT over time, the surveys, and how complaints are handled. The
 * reports end at the programme's today (GET /v1/analytics/range), in its time zone.
 */
const FeedbackOverview = () => {
  const calendar = useCalendar();
  return (
    <>
      <PageTitle>Feedback</PageTitle>
      <Loaded query={calendar} what="the programme calendar">
        {({ today }) => <FeedbackReports today={today} />}
      </Loaded>
    </>
  );
};

const NO_SURVEYS: Survey[] = [];

const FeedbackReports = ({ today }: { today: string }) => {
  const { range, surveyId, targetHours, set } = useFeedbackSettings(today);
  // The reports do not wait for the surveys: without them, only "All surveys" can be chosen.
  const surveyQuery = useSurveys();
  const surveys = surveyQuery.data?.surveys ?? NO_SURVEYS;
  const survey = surveys.find((s) => s.id === surveyId);
  return (
    <>
      <form className="toolbar" aria-label="Report settings" onSubmit={(e) => e.preventDefault()}>
        <label>
          Period
          <select value={range.granularity} onChange={(e) => set('granularity', e.target.value)}>
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {WINDOWS[g].label}, by {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          Survey
          <select value={survey ? surveyId : ''} onChange={(e) => set('survey', e.target.value)}>
            <option value="">All surveys</option>
            {surveys.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ScoresPanel range={range} surveyId={survey ? surveyId : ''} surveyTitle={survey?.title} />
      <SurveysPanel query={surveyQuery} today={today} />
      <ComplaintStatsPanel
        from={range.from}
        to={range.to}
        targetHours={targetHours}
        onTarget={(hours) => set('target', hours)}
      />
      <ComplaintListPanel targetHours={targetHours} />
    </>
  );
};
