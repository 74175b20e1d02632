import {
  BadRequestException, Body, ConflictException, Controller, Get, HttpCode, Inject, Post, UnprocessableEntityException, UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { readFileSync, realpathSync } from 'fs';
import { basename, resolve as resolvePath, sep } from 'path';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { LIST_FORMATS, LIST_NAMES, ListFormat, ListParseError } from './list-entry';
import { ImportFile, ListsService } from './lists.service';
import { CurrentPrincipal, Roles } from '../auth/roles.decorator';
import { Principal } from '../auth/roles';
import { ListSafetyError } from './list-safety';
import { ALL_ROLES } from '../auth/roles';

class ImportListDto {
  @ApiProperty({ enum: LIST_FORMATS })
  @IsIn(LIST_FORMATS as unknown as string[], { message: `format must be one of ${LIST_FORMATS.join(', ')}` })
  format: ListFormat;

  @ApiPropertyOptional({ description: 'server-side file path (dev mode only, CHIPGUARD_DEV_MODE=1); comma-separated for ofac-csv' })
  @IsOptional()
  @IsString()
  path?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'replace the active version even when it would shrink (LIST_SHRINK) or roll back (LIST_OLDER) a list; needs a reason' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'force must be true or false' })
  force?: string;

  @ApiPropertyOptional({ description: 'why a forced import is right (recorded with who forced it)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

type Uploaded = Record<string, { originalname: string; buffer: Buffer }[] | undefined>;

const FILE_FIELDS = ['file', 'prim', 'add', 'alt', 'comments'];

@ApiTags('lists')
@Controller('v1/lists')
export class ListsController {
  constructor(
    private readonly lists: ListsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The active version of each list code: file, format, publish date, entries, sha256' })
  list() {
    const versions = this.lists.active.activeVersions();
    return {
      sampleOnly: versions.length > 0 && versions.every((v) => v.sample),
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
      })),
    };
  }

  @Post('import')
  @Roles('list_admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import an official list file; 422 when it does not parse (the active version stays)',
    description: 'multipart/form-data with `format` and `file`; for ofac-csv send sdn.csv as `file` (or `prim`) and add.csv, alt.csv, sdn_comments.csv as `add`, `alt`, `comments`.',
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
  @UseInterceptors(FileFieldsInterceptor(FILE_FIELDS.map((name) => ({ name, maxCount: 1 })), { limits: { fileSize: 512 * 1024 * 1024 } }))
  async import(@Body() body: ImportListDto, @UploadedFiles() uploaded: Uploaded = {}, @CurrentPrincipal() principal?: Principal) {
    const force = body.force === 'true';
    if (force && !body.reason?.trim()) throw new BadRequestException(['reason: a forced import (force=true) needs a reason']);
    let files: ImportFile[] = FILE_FIELDS.flatMap((role) =>
      (uploaded[role] ?? []).map((f) => ({ role, name: f.originalname || role, data: f.buffer })),
    );
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
    if (files.length === 0) throw new BadRequestException(['file: a list file is required (multipart field "file")']);
    try {
      return await this.lists.importFiles(body.format, files, { by: principal?.name ?? 'local', force, reason: body.reason });
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
