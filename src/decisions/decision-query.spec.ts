import 'reflect-metadata';
/** where @nestjs/swagger keeps a class's documented property names (its DECORATORS.API_MODEL_PROPERTIES_ARRAY) */
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';
import { DecisionQueryDto } from './decisions.dto';
import { LIST_QUERY_KEYS, parseListQuery } from './queue';

describe('DecisionQueryDto', () => {
  it('documents exactly the parameters the queue parser takes', () => {
    const documented = Reflect.getMetadata(API_MODEL_PROPERTIES_ARRAY, DecisionQueryDto.prototype) as string[];
    expect(documented.map((p) => p.replace(/^:/, '')).sort()).toEqual([...LIST_QUERY_KEYS].sort());
  });

  it('every documented parameter is accepted, an undocumented one is a field error', () => {
    expect(parseListQuery({ kind: 'cloud', order: 'oldest', limit: '10', party: 'acme' }).errors).toEqual([]);
    expect(parseListQuery({ stauts: 'open' }).errors).toEqual([expect.stringMatching(/^unknown query parameter stauts \(allowed: .*status.*cursor/)]);
  });
});
