import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError } from './errors.js';
import { renderTemplate } from './template.js';

const obj = {
  metadata: { name: 'db' },
  spec: { replicas: 3, paused: true, ports: [80, 443] },
  status: { conditions: [{ type: 'Ready', status: 'False', message: 'disk full' }] },
};

describe('renderTemplate', () => {
  it.each([
    ['no placeholders', 'no placeholders'],
    ['{{metadata.name}} is not ready', 'db is not ready'],
    ['{{ status.conditions[type=Ready].message }} ({{ spec.replicas }} replicas)', 'disk full (3 replicas)'],
    ['paused={{ spec.paused }} ports={{ spec.ports }}', 'paused=true ports=[80,443]'],
    ['missing: "{{ status.nothing }}"', 'missing: ""'],
    ['ready? {{ status.conditions[type=Ready].status == "True" }}', 'ready? false'],
    ['{ single braces } stay', '{ single braces } stay'],
  ])('%j', (template, expected) => {
    expect(renderTemplate(template, obj)).toBe(expected);
  });

  it('rejects an unclosed placeholder', () => {
    expect(() => renderTemplate('oops {{ metadata.name', obj)).toThrow(
      "expected '}}' to close the '{{' at column 6 but found end of message",
    );
  });

  it('rejects a bad expression inside a placeholder', () => {
    expect(() => renderTemplate('{{ metadata. }}', obj)).toThrow(ExpressionSyntaxError);
  });
});
