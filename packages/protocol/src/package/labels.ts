/** The reserved jump targets of a sequence, as in Medulla: they end the job. */
export const END_SUCCESS = 'END_SUCCESS';
export const END_ERROR = 'END_ERROR';
