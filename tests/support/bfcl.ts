/**
 * BFCL's simple_python_1 function (math.factorial, type "dict") as Qwenfit must offer it:
 * the dot made "_", the Python type made JSON Schema. Unit and e2e tests expect it alike.
 */
export const BFCL_FACTORIAL_TOOL = {
  name: 'math_factorial',
  description: 'Calculate the factorial of a given number.',
  parameters: {
    type: 'object',
    properties: {
      number: { type: 'integer', description: 'The number for which factorial needs to be calculated.' },
    },
    required: ['number'],
  },
};
