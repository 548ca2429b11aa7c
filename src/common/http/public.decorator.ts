import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'kolabora:public';
/** Opts a route out of the global bearer-token guard. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const OPTIONAL_AUTH = 'kolabora:optional-auth';
/** A bearer token is read when sent (and must then be valid), but the route also answers without one. */
export const OptionalAuth = (): MethodDecorator & ClassDecorator => SetMetadata(OPTIONAL_AUTH, true);
