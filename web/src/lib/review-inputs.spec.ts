import { KPI_KEYS } from '../../../workflows/collaboration/index.js';
import { requiredInputs } from '../../../src/reviews/outcomes.js';
import { KPI_INPUTS, kpisBody, REQUIRED_INPUTS } from './review-inputs.js';

describe('the review form asks for what the API requires', () => {
  it.each(KPI_KEYS)('%s needs the same inputs in the console as in the API', (key) => {
    expect([...REQUIRED_INPUTS[key]].sort()).toEqual(requiredInputs(key).sort());
  });

  it('has a field for every required input', () => {
    const fields = new Set(KPI_INPUTS.map(([path]) => path));
    expect(KPI_KEYS.flatMap((key) => requiredInputs(key)).filter((path) => !fields.has(path))).toEqual([]);
  });

  it('builds the nested body from the typed text, blanks left out', () => {
    expect(
      kpisBody({ 'kpis.awareness.reach': '8000', 'kpis.awareness.engagements.likes': ' 30 ', 'kpis.commercial.unitsSold': '' }),
    ).toEqual({ awareness: { reach: 8000, engagements: { likes: 30 } } });
  });
});
