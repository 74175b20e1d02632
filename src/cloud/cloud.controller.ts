import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CloudCustomerRequestDto } from './cloud.dto';
import { CloudService } from './cloud.service';
import { Roles } from '../auth/roles.decorator';
import { CLOUD_DECISION_RESPONSE } from '../common/openapi-responses';

@ApiTags('cloud')
@Controller('v1/cloud/customers')
export class CloudController {
  constructor(private readonly cloud: CloudService) {}

  @Post('screen')
  @Roles('screener')
  @HttpCode(200)
  @ApiOkResponse({ schema: CLOUD_DECISION_RESPONSE })
  @ApiOperation({ summary: 'Vet a customer renting remote data-centre capacity: allow / review / deny, stored before it is returned' })
  screen(@Body() body: CloudCustomerRequestDto) {
    return this.cloud.screenCustomer(body);
  }
}
