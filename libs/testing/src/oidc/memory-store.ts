/**
 * The provider's storage (sessions, grants, codes, interactions) in memory, one store per
 * test provider: the rebuilt Provider after a key rotation or a new client keeps every
 * session, and two test providers in one process never see each other's data.
 * Implements oidc-provider's adapter interface.
 */
export function memoryStore(): new (model: string) => unknown {
  const records = new Map<string, { payload: Record<string, unknown>; expiresAt?: number }>();
  const alive = (key: string) => {
    const record = records.get(key);
    if (record?.expiresAt !== undefined && record.expiresAt <= Date.now()) {
      records.delete(key);
      return undefined;
    }
    return record?.payload;
  };

  return class MemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      records.set(this.key(id), {
        payload,
        ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}),
      });
      const { grantId, userCode, uid } = payload as Record<string, string | undefined>;
      if (grantId) {
        const grant = (alive(`grant:${grantId}`)?.keys as string[] | undefined) ?? [];
        records.set(`grant:${grantId}`, { payload: { keys: [...grant, this.key(id)] } });
      }
      if (userCode) records.set(`userCode:${userCode}`, { payload: { id } });
      if (uid) records.set(`uid:${uid}`, { payload: { id } });
    }

    async find(id: string) {
      return alive(this.key(id));
    }

    async findByUserCode(userCode: string) {
      const id = alive(`userCode:${userCode}`)?.id as string | undefined;
      return id === undefined ? undefined : this.find(id);
    }

    async findByUid(uid: string) {
      const id = alive(`uid:${uid}`)?.id as string | undefined;
      return id === undefined ? undefined : this.find(id);
    }

    async consume(id: string) {
      const payload = alive(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string) {
      records.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string) {
      for (const key of (alive(`grant:${grantId}`)?.keys as string[] | undefined) ?? []) {
        records.delete(key);
      }
      records.delete(`grant:${grantId}`);
    }
  };
}
