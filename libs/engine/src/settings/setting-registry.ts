import type { SettingDefinition } from './setting-definition';

/**
 * The settings an application reads. Areas register their definitions (business rules,
 * and later identity, webhooks, mail, checkpoints) with {@link SettingRegistry.add}; the
 * loader, the file's JSON Schema and the effective-configuration views use them all.
 */
export class SettingRegistry {
  private readonly byKey = new Map<string, SettingDefinition>();

  constructor(definitions: readonly SettingDefinition[] = []) {
    this.add(...definitions);
  }

  /** Adds definitions; a key or variable used twice is a programming error. */
  add(...definitions: readonly SettingDefinition[]): this {
    for (const definition of definitions) {
      const clash = [...this.byKey.values()].find(
        (d) => d.key === definition.key || d.env === definition.env,
      );
      if (clash) throw new Error(`setting ${definition.key} clashes with ${clash.key}`);
      this.byKey.set(definition.key, definition);
    }
    return this;
  }

  all(): readonly SettingDefinition[] {
    return [...this.byKey.values()];
  }

  get(key: string): SettingDefinition | undefined {
    return this.byKey.get(key);
  }

  /**
   * The JSON Schema of the configuration file: one nested object per dotted prefix, no
   * unknown properties (a misspelt key is an error, not a silently ignored setting).
   */
  fileSchema(): Record<string, unknown> {
    const root: SchemaNode = { type: 'object', properties: {}, additionalProperties: false };
    for (const definition of this.byKey.values()) {
      const parts = definition.key.split('.');
      let node = root;
      for (const part of parts.slice(0, -1)) {
        node.properties[part] ??= { type: 'object', properties: {}, additionalProperties: false };
        node = node.properties[part] as SchemaNode;
      }
      node.properties[parts.at(-1) as string] = definition.schema;
    }
    return { $schema: 'http://json-schema.org/draft-07/schema#', ...root };
  }
}

interface SchemaNode {
  type: 'object';
  properties: Record<string, SchemaNode | Record<string, unknown>>;
  additionalProperties: false;
}
