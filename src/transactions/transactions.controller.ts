import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TransactionRequestDto } from './transaction.dto';
import { TransactionsService } from './transactions.service';

@ApiTags('transactions')
@Controller('v1/transactions')
export class TransactionsController {
  constructor(private readonly transactions: TransactionsService) {}

  @Post('screen')
  @HttpCode(200)
  @ApiOperation({ summary: 'The allow / review / deny decision for one order; stored before it is returned' })
  screen(@Body() body: TransactionRequestDto) {
    return this.transactions.screenOrder(body);
  }
}
