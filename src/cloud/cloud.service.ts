import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DecisionRecorder, DecisionResponse } from '../decision/decision-recorder.service';
import { RulesService } from '../rules/rules.service';
import { ScreeningService } from '../screening/screening.service';
import { requestRuleErrors } from '../common/request-validation';
import { CloudCustomerInput, CloudDecisionBody, CloudDeps, CloudRules, DataCenterCondition, decideCustomer } from '.';
import { CloudCustomerRequestDto } from './cloud.dto';
import { loadConditions } from './datacenter-conditions';

export type CloudDecisionResponse = DecisionResponse & Pick<CloudDecisionBody, 'compute'>;

/**
 * The thin service around the cloud decision core: turns a request into a CloudCustomerInput, feeds the
 * core the rule book, the screening index and the data-centre conditions, and stores the decision through
 * the kernel's DecisionRecorder (same hash-chained store as transactions, kind 'cloud'), so GET /v1/decisions/:id,
 * the review queue, re-screen and export treat it like a transaction.
 */
@Injectable()
export class CloudService {
  /** licence / VEU conditions per data centre, loaded once (data/cloud/datacenter-conditions.json) */
  readonly conditions: DataCenterCondition[];

  constructor(
    private readonly rulesService: RulesService,
    private readonly screening: ScreeningService,
    private readonly recorder: DecisionRecorder,
    @Inject(APP_CONFIG) readonly config: AppConfig,
  ) {
    this.conditions = loadConditions(config.dataDir);
  }

  toInput(dto: CloudCustomerRequestDto): CloudCustomerInput {
    // the request rules beside the DTO's decorators (attribute types, owners' shares)
    const errors = requestRuleErrors(dto);
    if (errors.length) throw new BadRequestException(errors);
    const input = JSON.parse(JSON.stringify(dto)) as CloudCustomerInput;
    input.date = dto.date ?? new Date().toISOString().slice(0, 10);
    return input;
  }

  /** The rule book seen through the narrow interface the checks use. */
  rules(): CloudRules {
    const book = this.rulesService.book;
    return {
      countryGroups: (c, d) => book.countryGroups(c, d),
      isRestrictedForAdvancedComputing: (c, d) => book.isRestrictedForAdvancedComputing(c, d),
      isEmbargoed: (c, d) => book.isEmbargoed(c, d),
      isRestrictedHeadquarters: (c, d) => book.isRestrictedHeadquarters(c, d),
      classifyItem: (item, ctx) => book.classifyItem(item, ctx),
      rulesVersion: (d) => book.ruleSetFor(d).id,
      h100Tpp: () => book.h100Tpp(),
      affiliatesRule: (d) => book.affiliatesRule(d, this.config.affiliatesAfterSuspension),
    };
  }

  deps(): CloudDeps {
    return {
      rules: this.rules(),
      screen: (q) => this.screening.screen(q),
      lists: this.recorder.listState(),
      matchThreshold: this.config.screenMatchThreshold,
      ownerScreenPercent: this.config.ownerScreenPercent,
      trainingFlopThreshold: this.config.cloudTrainingFlopThreshold,
      conditions: this.conditions,
    };
  }

  /** The decision for a (stored or new) request against the current lists, not stored: replays and re-screens. */
  decide(input: CloudCustomerInput): CloudDecisionBody {
    return decideCustomer(input, this.deps());
  }

  async screenCustomer(dto: CloudCustomerRequestDto): Promise<CloudDecisionResponse> {
    this.recorder.requireLists();
    const input = this.toInput(dto);
    const now = new Date();
    const body = this.decide(input);
    const names = [
      input.customer.name,
      input.customer.ultimateParentName,
      ...(input.beneficialOwners ?? []).map((o) => o.name),
      input.resellerFor?.name,
      input.resellerFor?.ultimateParentName,
      input.payment?.payerName,
    ].filter((n): n is string => !!n);
    return await this.recorder.record<CloudDecisionResponse>('cloud', input, body, now, {
      reference: input.reference ?? null,
      // a cloud account is not an order: it stays out of the order history the transaction red flags read
      buyerKey: null,
      historyKeys: [],
      acceleratorCount: body.compute.acceleratorCount,
      partyNames: names,
    });
  }
}
