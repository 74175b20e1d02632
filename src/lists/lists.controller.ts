import {
  BadRequestException,
  Body,
  CallHandler,
  ConflictException,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  Inject,
  Injectable,
  NestInterceptor,
  Post,
  UnprocessableEntityException,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { finalize, Observable } from 'rxjs';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { readFileSync, realpathSync, rmSync } from 'fs';
import { diskStorage } from 'multer';
import { tmpdir } from 'os';
import { basename, resolve as resolvePath, sep } from 'path';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { LIST_FORMATS, LIST_NAMES, ListFormat, ListParseError } from './list-entry';
import { ImportAuthority, ImportFile, ListsService } from './lists.service';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { ALL_ROLES, Principal } from '../auth/roles';
import { ListSafetyError } from './list-safety';
import { isListFormat, isStreamingFormat } from './parse';
import { LISTS_RESPONSE, LIST_IMPORT_RESPONSE } from '../common/openapi-responses';

class ImportListDto {
  @ApiProperty({ enum: LIST_FORMATS })
  @IsIn(LIST_FORMATS as unknown as string[], { message: `format must be one of ${LIST_FORMATS.join(', ')}` })
  format: ListFormat;

  @ApiPropertyOptional({ description: 'server-side file path (dev mode only, CHIPGUARD_DEV_MODE=1); comma-separated for ofac-csv' })
  @IsOptional()
  @IsString()
  path?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'replace the active version even when it would shrink (LIST_SHRINK) or roll back (LIST_OLDER) a list; needs a reason',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'force must be true or false' })
  force?: string;

  @ApiPropertyOptional({ description: 'why a forced import is right (recorded with who forced it)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

type Uploaded = Record<string, { originalname: string; path: string }[] | undefined>;

/** Uploads go to temp files in UPLOAD_DIR (never buffered in memory); RemoveUploads deletes them after the request. */
let uploadDir = tmpdir();
const uploadStorage = diskStorage({ destination: (_req, _file, cb) => cb(null, uploadDir) });

/** Deletes the request's uploaded temp files once it is answered, whatever the outcome (a 400 of the pipe too). */
@Injectable()
class RemoveUploads implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<{ files?: Uploaded }>();
    return next.handle().pipe(
      finalize(() => {
        for (const list of Object.values(req.files ?? {})) for (const f of list ?? []) rmSync(f.path, { force: true });
      }),
    );
  }
}

const FILE_FIELDS = ['file', 'prim', 'add', 'alt', 'comments'];

@ApiTags('lists')
@Controller('v1/lists')
export class ListsController {
  constructor(
    private readonly lists: ListsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    uploadDir = config.uploadDir;
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ schema: LISTS_RESPONSE })
  @ApiOperation({ summary: 'The active version of each list code: file, format, publish date, entries, sha256' })
  list() {
    const versions = this.lists.active.activeVersions();
    const stale = new Map(this.lists.active.staleCodes(this.config.listMaxAgeDays, new Date()).map((s) => [s.code, s]));
    return {
      sampleOnly: versions.length > 0 && versions.every((v) => v.sample),
      maxAgeDays: this.config.listMaxAgeDays,
      lists: versions.map((v) => ({
        code: v.code,
        name: LIST_NAMES[v.code],
        format: v.format,
        fileName: v.fileName,
        publishDate: v.publishDate,
        entryCount: v.entryCount,
        loadedAt: v.importedAt,
        sha256: v.sha256,
        versionId: v.versionId,
        sample: v.sample,
        // LIST_MAX_AGE_DAYS: decisions carry LISTS_STALE while a list is older (publish date, else import date)
        stale: stale.has(v.code),
      })),
    };
  }

  @Post('import')
  @Roles('list_admin')
  @HttpCode(200)
  @ApiOkResponse({ schema: LIST_IMPORT_RESPONSE })
  @ApiOperation({
    summary: 'Import an official list file; 422 when it does not parse (the active version stays)',
    description:
      'multipart/form-data with `format` and `file`; for ofac-csv send sdn.csv as `file` (or `prim`) and add.csv, alt.csv, sdn_comments.csv as `add`, `alt`, `comments`.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        format: { type: 'string', enum: [...LIST_FORMATS] },
        ...Object.fromEntries(FILE_FIELDS.map((f) => [f, { type: 'string', format: 'binary' }])),
      },
      required: ['format'],
    },
  })
  @UseInterceptors(
    FileFieldsInterceptor(
      FILE_FIELDS.map((name) => ({ name, maxCount: 1 })),
      { storage: uploadStorage, limits: { fileSize: 512 * 1024 * 1024 } },
    ),
    RemoveUploads,
  )
  async import(@Body() body: ImportListDto, @UploadedFiles() uploaded: Uploaded = {}, @CurrentPrincipal() principal?: Principal) {
    const force = body.force === 'true';
    if (force && !body.reason?.trim()) throw new BadRequestException(['reason: a forced import (force=true) needs a reason']);
    const temp = FILE_FIELDS.flatMap((role) => (uploaded[role] ?? []).map((f) => ({ role, name: f.originalname || role, path: f.path })));
    return this.importUploads(body, temp, { by: principal?.name ?? 'local', force, reason: body.reason });
  }

  private async importUploads(body: ImportListDto, temp: { role: string; name: string; path: string }[], authority: ImportAuthority) {
    // one XML file: parsed record by record from its temp file; the other formats are read from it
    const streamed = temp.length === 1 && isListFormat(body.format) && isStreamingFormat(body.format);
    let files: ImportFile[] = streamed ? [] : temp.map((f) => ({ role: f.role, name: f.name, data: readFileSync(f.path) }));
    if (files.length === 0 && body.path) {
      if (!this.config.devMode) throw new BadRequestException(['path: server-side paths are accepted only in dev mode (CHIPGUARD_DEV_MODE=1)']);
      files = body.path.split(',').map((p, i) => {
        const path = confinedPath(p.trim(), this.config.devImportDir);
        try {
          return { role: i === 0 ? 'file' : guessRole(path), name: basename(path), data: readFileSync(path) };
        } catch (e) {
          throw new BadRequestException([`path: cannot read ${path}: ${(e as Error).message}`]);
        }
      });
    }
    if (files.length === 0 && !streamed) throw new BadRequestException(['file: a list file is required (multipart field "file")']);
    try {
      if (streamed) return await this.lists.importFromFile(body.format, temp[0].path, temp[0].name, authority);
      return await this.lists.importFiles(body.format, files, authority);
    } catch (e) {
      if (e instanceof ListSafetyError) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          code: e.code,
          message: [...e.problems.map((p) => p.message), 'nothing was changed; to replace the active version anyway send force=true with a reason'],
          problems: e.problems,
          activeVersionsUnchanged: true,
        });
      }
      if (e instanceof ListParseError) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: [`${body.format}: ${e.message}`],
          location: e.location,
          activeVersionsUnchanged: true,
        });
      }
      throw e;
    }
  }
}

/** A dev-mode path must name a file inside CHIPGUARD_DEV_IMPORT_DIR (after resolving links): no traversal out of it. */
function confinedPath(path: string, dir: string): string {
  let real: string;
  let root: string;
  try {
    root = realpathSync(dir);
    real = realpathSync(resolvePath(root, path));
  } catch {
    throw new BadRequestException([`path: ${path} is not a file in the dev import folder (CHIPGUARD_DEV_IMPORT_DIR)`]);
  }
  if (!real.startsWith(root + sep)) throw new BadRequestException([`path: ${path} is outside the dev import folder (CHIPGUARD_DEV_IMPORT_DIR)`]);
  return real;
}

function guessRole(path: string): string {
  const n = basename(path).toLowerCase();
  return n.includes('add') ? 'add' : n.includes('alt') ? 'alt' : n.includes('comment') ? 'comments' : 'file';
}
