// Fixes are data: a definition says what changes (a property set to a value, or a rule added or removed) on which
// kind of resource, and how each tool spells it. Renderers turn a definition plus one target resource into scripts;
// no renderer knows any particular fix.
import { z } from 'zod';
import type { AzureResourceId } from '../azureResourceId';
import type { AwsArn, GcpResourceName } from '../cloudResourceIds';

export const scalarSchema = z.union([z.string().max(500), z.boolean(), z.number().finite()]);
export type Scalar = z.infer<typeof scalarSchema>;

/** Parts of the target (or of the change) a command line can name; everything else in a command is a literal. */
export const TARGET_REFS = [
  'subscription', 'resourceGroup', 'name', 'parentName', 'resourceId', 'value',
  'region', 'accountId', 'awsName', 'queueUrl',
  'project', 'bucketUrl',
] as const;
export type TargetRef = (typeof TARGET_REFS)[number];

/** One word of a command line: a literal, or a part of the target. Every word is quoted when rendered. */
export const tokenSchema = z.union([z.string().min(1).max(200), z.object({ ref: z.enum(TARGET_REFS) }).strict()]);
export type Token = z.infer<typeof tokenSchema>;

const labelSchema = z.string().min(3).max(120);

export const changeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('setProperty'),
      /** Where the property sits in the resource's ARM/API body, dotted: 'properties.minimumTlsVersion'. */
      property: z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/),
      value: scalarSchema,
      /** How a person calls the property: 'minimum TLS version'. */
      label: labelSchema,
      /** How a person reads the value, when the raw value says little ('required' for true). */
      shownValue: z.string().max(60).optional(),
      /** The value that undoes the change (Azure's default before it), when the change can be undone. */
      undoValue: scalarSchema.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('removeRule'),
      /** Which list of rules: 'createVolumePermission', 'firewallRules'. */
      collection: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
      /** The rule removed: a rule name, or a grantee such as 'all'. */
      rule: z.string().min(1).max(200),
      label: labelSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('addRule'),
      collection: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
      rule: z.string().min(1).max(200),
      /** The rule's own properties, as its API body takes them. */
      properties: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), scalarSchema),
      label: labelSchema,
    })
    .strict(),
]);
export type Change = z.infer<typeof changeSchema>;

const powershellParamSchema = z.tuple([
  z.string().regex(/^[A-Z][A-Za-z]*$/),
  z.union([tokenSchema, z.object({ switch: z.literal(true) }).strict()]),
]);

export const fixDefinitionSchema = z
  .object({
    /** 'storage.secureTransfer' */
    id: z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/),
    cloud: z.enum(['azure', 'aws', 'gcp']),
    /** A short imperative title, our own text: 'Require secure transfer (HTTPS only)'. */
    title: z.string().min(5).max(120),
    /** What a person calls the resource: 'storage account'. */
    resourceLabel: z.string().min(2).max(60),
    /** Azure: the ARM type, lower-case ('microsoft.storage/storageaccounts'). */
    azureType: z.string().regex(/^microsoft\.[a-z0-9.]+(\/[a-z0-9]+)+$/).optional(),
    /** AWS: the ARN service and the resource prefix ('rds', 'db:'); the name follows the prefix. */
    aws: z.object({ service: z.string().regex(/^[a-z0-9-]+$/), resourcePrefix: z.string().max(40) }).strict().optional(),
    /** GCP: the API service and the collection of the resource ('storage.googleapis.com', 'buckets'). */
    gcp: z.object({ service: z.string().regex(/^[a-z0-9.-]+\.googleapis\.com$/), collection: z.string().regex(/^[a-zA-Z]+$/) }).strict().optional(),
    change: changeSchema,
    /** Opens network access: the bot never applies these. */
    opensNetwork: z.boolean(),
    /**
     * Undoing it would open network or anonymous access again (the undo of "disable public network access"): an
     * undo of such a fix is itself a change the bot must never apply.
     */
    undoOpensNetwork: z.boolean().default(false),
    /** Destroys or irreversibly locks data: the bot never applies these. */
    destroysData: z.boolean(),
    /** Whether the bot may apply it (after confirmation). Scripts are offered either way. */
    appliable: z.boolean(),
    notAppliableReason: z.string().min(5).max(200).optional(),
    /** What a person should know before running it (who loses access, what restarts). Our own text. */
    impact: z.string().min(5).max(300),
    /** Azure: the ARM request that makes the change. */
    arm: z
      .object({
        method: z.enum(['PATCH', 'PUT', 'DELETE']),
        apiVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/),
        /** Child segments below the resource: ['config', 'web'] for App Service site configuration. */
        childPath: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/)).default([]),
      })
      .strict()
      .optional(),
    /** Azure CLI words after `az`. Without them the bash script uses `az rest` with the ARM request. */
    azCli: z.array(tokenSchema).min(2).optional(),
    /** Az PowerShell cmdlet and parameters. Without them the script uses Invoke-AzRestMethod with the ARM request. */
    powershell: z.object({ cmdlet: z.string().regex(/^[A-Z][a-z]+-Az[A-Za-z]+$/), params: z.array(powershellParamSchema).min(1) }).strict().optional(),
    /** AWS CLI words after `aws`. */
    awsCli: z.array(tokenSchema).min(2).optional(),
    /** gcloud words after `gcloud`. */
    gcloud: z.array(tokenSchema).min(2).optional(),
  })
  .strict()
  .superRefine((definition, context) => {
    const problem = (message: string): void => context.addIssue({ code: z.ZodIssueCode.custom, message: `${definition.id}: ${message}` });
    if (definition.cloud === 'azure' && (!definition.azureType || !definition.arm)) problem('an Azure fix needs azureType and arm');
    if (definition.cloud === 'aws' && (!definition.aws || !definition.awsCli)) problem('an AWS fix needs aws and awsCli');
    if (definition.cloud === 'gcp' && (!definition.gcp || !definition.gcloud)) problem('a GCP fix needs gcp and gcloud');
    if (definition.cloud !== 'azure' && (definition.arm || definition.azCli || definition.powershell)) problem('only Azure fixes have ARM, az or PowerShell forms');
    if ((definition.opensNetwork || definition.destroysData) && definition.appliable) problem('a fix that opens network access or destroys data is never appliable');
    if (!definition.appliable && !definition.notAppliableReason) problem('a fix the bot cannot apply says why');
    if (definition.appliable && definition.cloud !== 'azure') problem('the bot applies fixes only through Azure Resource Manager');
    if (definition.arm?.method === 'DELETE' && definition.change.kind !== 'removeRule') problem('DELETE only removes a rule');
  });
export type FixDefinition = z.infer<typeof fixDefinitionSchema>;

export type FixTarget =
  | { cloud: 'azure'; azure: AzureResourceId }
  | { cloud: 'aws'; aws: AwsArn; name: string }
  | { cloud: 'gcp'; gcp: GcpResourceName };

/** One definition applied to one resource: what the renderers and the confirmation card work from. */
export interface Fix {
  definition: FixDefinition;
  target: FixTarget;
}

export interface ArmRequest {
  method: 'PATCH' | 'PUT' | 'DELETE';
  /** Full URL with the api-version. */
  url: string;
  body?: Record<string, unknown>;
}

export interface Script {
  language: 'Bash' | 'PowerShell';
  /** A suggested file name for a download. */
  fileName: string;
  text: string;
}

/** Every form a fix renders to. Azure: bash (az), PowerShell (Az) and the ARM request; AWS: bash (aws); GCP: bash (gcloud). */
export interface RenderedFix {
  bash: Script;
  powershell?: Script;
  arm?: ArmRequest;
}
