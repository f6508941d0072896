export * from './reactor';
export * from './reactor-checkpoint';
export * from './reactor-runner';
