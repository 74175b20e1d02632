import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TransactionRequestDto } from './transaction.dto';
import { TransactionsService } from './transactions.service';
import { Roles } from '../auth/roles.decorator';
import { DECISION_RESPONSE } from '../common/openapi-responses';

@ApiTags('transactions')
@Controller('v1/transactions')
export class TransactionsController {
  constructor(private readonly transactions: TransactionsService) {}

  @Post('screen')
  @Roles('screener')
  @HttpCode(200)
  @ApiOkResponse({ schema: DECISION_RESPONSE })
  @ApiOperation({ summary: 'The allow / review / deny decision for one order; stored before it is returned' })
  async screen(@Body() body: TransactionRequestDto, @Res() res: Response): Promise<void> {
    // the JSON text just stored is the response: serialised once, and byte for byte what the audit trail holds
    const { json } = await this.transactions.screenOrderStored(body);
    res.status(200).type('application/json').send(json);
  }
}
