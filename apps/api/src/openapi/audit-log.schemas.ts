import { ApiProperty } from '@nestjs/swagger';

export class CheckpointSchema {
  @ApiProperty({
    type: String,
    description:
      'The signed note (C2SP tlog-checkpoint + signed-note): origin, tree size, base64 root, `time` line, blank line, Ed25519 signature line. Verify it as is.',
  })
  note!: string;
  @ApiProperty({ type: String, example: 'account-ops.local/audit-log' }) origin!: string;
  @ApiProperty({ type: Number, description: 'Tree size: events in the log.' }) size!: number;
  @ApiProperty({ type: String, description: 'Root hash, base64.' }) root!: string;
  @ApiProperty({ type: String, format: 'date-time' }) time!: string;
  @ApiProperty({ type: String, example: 'c74f20a3' }) keyId!: string;
}

export class CheckpointKeySchema {
  @ApiProperty({
    type: String,
    description:
      'Verifier key `<origin>+<keyid>+<base64(0x01 || Ed25519 key)>`, for verify-evidence --public-key.',
  })
  verifierKey!: string;
  @ApiProperty({ type: String, example: 'c74f20a3' }) keyId!: string;
  @ApiProperty({ type: String }) origin!: string;
  @ApiProperty({ type: String, description: 'The same key as an SPKI PEM.' }) publicKeyPem!: string;
}

export class InclusionProofSchema {
  @ApiProperty({ type: String, format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: String }) streamId!: string;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: Number, description: 'The leaf index (0-based global order).' })
  leafIndex!: number;
  @ApiProperty({ type: Number }) treeSize!: number;
  @ApiProperty({ type: String, description: 'RFC 9162 leaf hash, base64.' }) leafHash!: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 audit path, base64, leaf side first.' })
  inclusionProof!: string[];
}

export class ConsistencyProofSchema {
  @ApiProperty({ type: String, example: 'account-ops-consistency-proof-v1' }) format!: string;
  @ApiProperty({ type: Number }) oldSize!: number;
  @ApiProperty({ type: Number }) newSize!: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 consistency proof, base64.' })
  proof!: string[];
}

export class EvidenceBundleSchema {
  @ApiProperty({ type: String, example: 'account-ops-evidence-v2' }) format!: string;
  @ApiProperty({ type: String }) accountId!: string;
  @ApiProperty({ type: String }) streamId!: string;
  @ApiProperty({ type: String, description: 'The signed checkpoint note.' }) checkpoint!: string;
  @ApiProperty({
    type: [Object],
    description: '{ event (as stored), position { commit, prepare }, leafIndex }, in version order',
  })
  events!: object[];
  @ApiProperty({
    type: String,
    description:
      "One multi-leaf inclusion proof of all the events' leaves in the checkpoint's tree: 32-byte hashes concatenated, base64 (docs/auditing.md, Evidence bundles).",
  })
  multiProof!: string;
}
