// SQL migrations and print stylesheets are embedded as text at build time (esbuild and
// vitest both understand the `?raw` suffix), so the packaged app carries them inside its
// signed bundle instead of reading loose files.
declare module '*?raw' {
  const text: string;
  export default text;
}
