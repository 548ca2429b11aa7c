import { Injectable } from '@nestjs/common';
import type { CollaborationContext } from '../../workflows/collaboration/index.js';
import type { Party } from './collaboration-reader.js';

export interface ViewInput {
  state: string;
  context: CollaborationContext;
  viewer: Party;
  parties: Array<Party & { name: string }>;
}

/** Adds fields of a feature's own to a party's view of a collaboration (e.g. the initiator's invitation link). */
export type ViewExtension = (input: ViewInput) => Record<string, unknown>;

/** Where features extend the collaboration view without collaborations knowing them (filled on module init). */
@Injectable()
export class CollaborationViews {
  private readonly extensions: ViewExtension[] = [];

  extend(extension: ViewExtension): void {
    this.extensions.push(extension);
  }

  extras(input: ViewInput): Record<string, unknown> {
    return Object.assign({}, ...this.extensions.map((extend) => extend(input)));
  }
}
