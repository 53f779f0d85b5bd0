import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it('extracts and decodes named segments', () => {
    expect(matchPath('/apps/:app', '/apps/crm')).toEqual({ app: 'crm' });
    expect(matchPath('/apps/:app/forms/:form', '/apps/crm/forms/%E7%BA%BF%E7%B4%A2')).toEqual({ app: 'crm', form: '线索' });
    expect(matchPath('/apps', '/apps/')).toEqual({});
  });

  it('refuses other shapes and undecodable segments', () => {
    expect(matchPath('/apps/:app', '/apps')).toBeNull();
    expect(matchPath('/apps/:app', '/apps/crm/forms')).toBeNull();
    expect(matchPath('/apps/:app', '/users/crm')).toBeNull();
    expect(matchPath('/apps/:app', '/apps/%E0%A4%A')).toBeNull();
  });
});
