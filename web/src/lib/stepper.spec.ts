import { describeMachine } from '../../../workflows/collaboration/describe.js';
import { COLLABORATION_VERSIONS } from '../../../workflows/collaboration/index.js';
import { lifecycleSteps } from './stepper.js';

describe('lifecycleSteps', () => {
  it('draws the collaboration lifecycle from the released v1 definition, cancelled left out as an exit', () => {
    const description = describeMachine(COLLABORATION_VERSIONS[1].machine);
    expect(lifecycleSteps(description)).toEqual([
      'proposal',
      'partnerSearch',
      'invitation',
      'negotiation',
      'agreement',
      'ipChecklist',
      'execution',
      'postReview',
      'completed',
    ]);
  });
});
