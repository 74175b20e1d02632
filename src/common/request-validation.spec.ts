import { TransactionRequestDto } from '../transactions/transaction.dto';
import { CloudCustomerRequestDto } from '../cloud/cloud.dto';
import { requestRuleErrors, validateRequest } from './request-validation';

const order = () => ({
  buyer: { name: 'Acme Compute Pte Ltd', country: 'SG' },
  shipTo: { name: 'Acme DC', country: 'SG' },
  items: [{ model: 'H100 SXM5', quantity: 8 }],
});

describe('the one request validator', () => {
  it('accepts a good order and returns the DTO', async () => {
    const v = await validateRequest(TransactionRequestDto, order());
    expect(v.errors).toBeUndefined();
    expect(v.dto).toBeInstanceOf(TransactionRequestDto);
  });

  it('gives the decorators\u2019 field errors and the request rules at once, with field paths', async () => {
    const b: Record<string, any> = order();
    b.items[0].quantity = 0;
    delete b.shipTo.country;
    b.attributes = { sitePowerMw: 'big', note: 'kept' };
    b.beneficialOwners = [
      { name: 'A', ownershipPercent: 60 },
      { name: 'B', ownershipPercent: 60 },
    ];
    b.shipVia = 'air';
    const v = await validateRequest(TransactionRequestDto, b, 'the order');
    expect(v.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^items\[0\]\.quantity/),
        expect.stringMatching(/shipVia/),
        'shipTo.country is required for shipTo',
        'attributes.sitePowerMw must be a number >= 0',
        'beneficialOwners ownershipPercent adds up to 120, more than 100',
      ]),
    );
    // the request as sent is left as it was
    expect(b.attributes).toEqual({ sitePowerMw: 'big', note: 'kept' });
  });

  it('names the body when it is not an object', async () => {
    expect((await validateRequest(TransactionRequestDto, [order()], 'a transaction')).errors).toEqual(['a transaction must be a JSON object']);
  });

  it('checks cloud customers with the same rules', async () => {
    const v = await validateRequest(CloudCustomerRequestDto, {
      customer: { name: 'Lab', country: 'DE' },
      dataCenterCountry: 'DE',
      accelerators: [{ model: 'H100 SXM5', quantity: 8 }],
      attributes: { ownersDisclosed: 'no' },
    });
    expect(v.errors).toEqual(['attributes.ownersDisclosed must be a boolean']);
  });

  it('upper-cases documented access countries once all is fine', () => {
    const attributes: Record<string, unknown> = { accessCountries: ['cn', 'Sg'] };
    expect(requestRuleErrors({ attributes })).toEqual([]);
    expect(attributes.accessCountries).toEqual(['CN', 'SG']);
  });
});
