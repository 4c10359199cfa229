/** The statecharts, generated at build time from the machines (vite.config.mts). */
declare module 'virtual:statecharts' {
  const definitions: Record<'lifecycle' | 'refund' | 'freeze', string>;
  export default definitions;
}
