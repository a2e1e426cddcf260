export * from './eventually';
export * from './receiver';
export * from './service-process';
export * from './test-env';
export * from './service-container';
export * from './configuration-reference';
export * from './conforming';
export * from './test-certificates';
