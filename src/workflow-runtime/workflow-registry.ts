import { Injectable } from '@nestjs/common';
import { COLLABORATION_VERSIONS, type CollaborationWorkflow, LATEST_COLLABORATION_VERSION } from '../../workflows/collaboration/index.js';

export const COLLABORATION_WORKFLOW_ID = 'collaboration';

/** The released machine versions. New collaborations start on `latest`; each keeps running on its own. */
@Injectable()
export class WorkflowRegistry {
  private readonly versions = new Map<number, CollaborationWorkflow>(Object.values(COLLABORATION_VERSIONS).map((w) => [w.version, w]));
  private latestVersion = LATEST_COLLABORATION_VERSION;

  get latest(): CollaborationWorkflow {
    return this.get(this.latestVersion);
  }

  get(version: number): CollaborationWorkflow {
    const workflow = this.versions.get(version);
    if (!workflow) throw new Error(`collaboration workflow version ${version} is not registered`);
    return workflow;
  }

  has(version: number): boolean {
    return this.versions.has(version);
  }

  /** Adds a version and makes it the latest (how a new release is wired in; tests use it for a v2). */
  register(workflow: CollaborationWorkflow): void {
    this.versions.set(workflow.version, workflow);
    this.latestVersion = Math.max(this.latestVersion, workflow.version);
  }

  list(): Array<{ id: string; versions: number[]; latest: number }> {
    return [{ id: COLLABORATION_WORKFLOW_ID, versions: [...this.versions.keys()].sort((a, b) => a - b), latest: this.latestVersion }];
  }
}
