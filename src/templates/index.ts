/**
 * Templates, one module for every place Ferry renders them: ApplicationSet templates
 * (the default fasttemplate syntax and `goTemplate: true`), and later image-automation
 * commit messages, SealedSecret `template.data` and notifications. Go templates run in
 * the real Go text/template + Sprig compiled to WebAssembly. See README.md.
 */
export { FastTemplateError, isFastTemplated, renderFastTemplate } from './fasttemplate.js';
export {
  GoTemplateError,
  parseGoTemplateOptions,
  renderGoTemplate,
  type GoTemplateOptions,
  type MissingKey,
} from './go-template.js';
export { GoTemplateEngineMissingError } from './go-runtime.js';
export { ensureGoTemplateEngine, goTemplateEngineBuilt, goTemplateEnginePaths } from './go-engine.js';
