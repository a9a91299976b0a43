/** A SealedSecret template that Ferry cannot render; the message names syntax, never values. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}
