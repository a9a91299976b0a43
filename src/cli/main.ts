#!/usr/bin/env node
/** The `ferry` command: one subcommand group per concern, each in its own file. */
import { Command } from 'commander';
import { registerTestbedCommands } from './testbed.js';
import { registerControllerCommands } from './controller.js';
import { registerAppCommands } from './app.js';
import { registerAppsetCommands } from './appset.js';
import { registerClusterCommands } from './cluster.js';
import { registerDemoCommand } from './demo.js';
import { registerSealCommands } from './seal.js';
import { registerFluxCommands } from './flux.js';
import { registerTokenCommands } from './token.js';
import { registerImageUpdaterCommand } from './image-updater.js';
import { registerImageCommands } from './image.js';
import { registerImageAutomationCommand } from './image-automation.js';
import { packageVersion } from './version.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('ferry')
    .description(
      'GitOps engine for Argo CD and Flux resources: Helm, Kustomize and plain manifests from Git, Helm and OCI',
    )
    .version(packageVersion(), '-v, --version', 'print the Ferry version')
    .showHelpAfterError();
  registerDemoCommand(program);
  registerControllerCommands(program);
  registerAppCommands(program);
  registerAppsetCommands(program);
  registerClusterCommands(program);
  registerTestbedCommands(program);
  registerFluxCommands(program);
  registerSealCommands(program);
  registerTokenCommands(program);
  registerImageUpdaterCommand(program);
  registerImageCommands(program);
  registerImageAutomationCommand(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
