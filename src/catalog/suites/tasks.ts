import type { ChatMessage } from '../../core/engine-types';
import type { SuiteTask, ToolSpec } from '../../core/suite';

/**
 * Built-in tasks, written for Qwenfit (MIT, like the app): small, original items in the
 * style of the public sets (GSM8K word problems, BFCL function calls, IFEval verifiable
 * instructions). The one public subset bundled, ten GSM8K test problems, is in gsm8k.ts
 * with its licence; BFCL and IFEval data could not be fetched into this build.
 */
const user = (content: string): ChatMessage[] => [{ role: 'user', content }];
const sys = (system: string, content: string): ChatMessage[] => [
  { role: 'system', content: system },
  { role: 'user', content },
];

const TRIAGE_SYSTEM =
  'Classify the customer message into exactly one of: billing, technical, shipping, account, other. Reply with the label only.';

export const TRIAGE: SuiteTask[] = [
  ['t1', 'I was charged twice for my subscription this month.', 'billing'],
  ['t2', 'The app crashes every time I open the settings page on Android.', 'technical'],
  ['t3', 'My parcel has said "in transit" for nine days now.', 'shipping'],
  ['t4', 'I cannot log in: the password reset email never arrives.', 'account'],
  ['t5', 'Do you have an office in Lisbon I could visit?', 'other'],
].map(([id, text, label]) => ({
  id: `triage-${id}`,
  category: 'triage',
  messages: sys(TRIAGE_SYSTEM, text as string),
  maxTokens: 8,
  grader: { type: 'exact', expected: label as string },
}));

const CONTACT_SCHEMA = {
  type: 'object',
  required: ['name', 'email', 'company'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$' },
    company: { type: ['string', 'null'] },
  },
};

const ORDER_SCHEMA = {
  type: 'object',
  required: ['order_id', 'items', 'total'],
  additionalProperties: false,
  properties: {
    order_id: { type: 'string', const: 'A-1042' },
    items: {
      type: 'array',
      minItems: 2,
      maxItems: 2,
      items: {
        type: 'object',
        required: ['sku', 'qty'],
        additionalProperties: false,
        properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
      },
    },
    total: { type: 'number', minimum: 61.49, maximum: 61.51 },
  },
};

export const EXTRACTION: SuiteTask[] = [
  {
    id: 'extract-contact',
    category: 'extraction',
    messages: sys(
      'Extract the contact as JSON with keys name, email, company (null when not given). Reply with JSON only.',
      'Hi, this is Mei Lin from Hollow Pine Studio, you can reach me at mei.lin@hollowpine.example.',
    ),
    json: true,
    maxTokens: 80,
    grader: { type: 'json', schema: CONTACT_SCHEMA },
  },
  {
    id: 'extract-contact-no-company',
    category: 'extraction',
    messages: sys(
      'Extract the contact as JSON with keys name, email, company (null when not given). Reply with JSON only.',
      'Thanks! — Omar Haddad (omar.h@mailbox.example)',
    ),
    json: true,
    maxTokens: 80,
    grader: { type: 'json', schema: CONTACT_SCHEMA },
  },
  {
    id: 'extract-order',
    category: 'extraction',
    messages: sys(
      'Extract the order as JSON: {"order_id": string, "items": [{"sku": string, "qty": integer}], "total": number}. Reply with JSON only.',
      'Order A-1042: 2 x SKU-RED-M at 18.75 each, 1 x SKU-CAP-01 at 24.00. Total due 61.50 EUR.',
    ),
    json: true,
    maxTokens: 120,
    grader: { type: 'json', schema: ORDER_SCHEMA },
  },
];

const WEATHER: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city.',
  parameters: {
    type: 'object',
    required: ['city'],
    properties: {
      city: { type: 'string', description: 'City name' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
  },
};
const TIMER: ToolSpec = {
  name: 'set_timer',
  description: 'Start a countdown timer.',
  parameters: {
    type: 'object',
    required: ['minutes'],
    properties: { minutes: { type: 'integer', minimum: 1 }, label: { type: 'string' } },
  },
};
const TOOLS = [WEATHER, TIMER];

export const TOOL_CALLING: SuiteTask[] = [
  {
    id: 'tools-weather',
    category: 'tools',
    messages: user('What is the weather like in Hangzhou right now?'),
    tools: TOOLS,
    maxTokens: 80,
    grader: {
      type: 'tool-call',
      expected: [
        {
          name: 'get_weather',
          arguments: { city: ['Hangzhou', 'Hangzhou, China'], unit: ['celsius', 'fahrenheit'] },
          optional: ['unit'],
        },
      ],
    },
  },
  {
    id: 'tools-timer',
    category: 'tools',
    messages: user('Set a 12 minute timer for the pasta.'),
    tools: TOOLS,
    maxTokens: 80,
    grader: {
      type: 'tool-call',
      expected: [
        { name: 'set_timer', arguments: { minutes: [12], label: ['pasta', 'Pasta'] }, optional: ['label'] },
      ],
    },
  },
  {
    id: 'tools-parallel',
    category: 'tools',
    messages: user('Start a 5 minute timer and tell me the weather in Oslo in fahrenheit.'),
    tools: TOOLS,
    maxTokens: 120,
    grader: {
      type: 'tool-call',
      expected: [
        { name: 'set_timer', arguments: { minutes: [5] }, optional: ['label'] },
        { name: 'get_weather', arguments: { city: ['Oslo', 'Oslo, Norway'], unit: ['fahrenheit'] } },
      ],
    },
  },
  {
    id: 'tools-none',
    category: 'tools',
    messages: user('Thanks, that is all for today!'),
    tools: TOOLS,
    maxTokens: 40,
    grader: { type: 'tool-call', expected: 'none' },
  },
];

const POLICY = `Returns policy (v3, May 2026):
1. Items can be returned within 30 days of delivery.
2. Sale items can be returned within 14 days of delivery.
3. Refunds go to the original payment method within 5 business days of the return arriving.
4. Return shipping is free for members; others pay a flat 4.95 EUR.`;

const grounded = (id: string, question: string, grader: SuiteTask['grader']): SuiteTask => ({
  id: `qa-${id}`,
  category: 'grounded-qa',
  messages: sys(
    `Answer only from the document below. If it does not say, reply "not in the document".\n\n${POLICY}`,
    question,
  ),
  maxTokens: 60,
  grader,
});

const answers = (...values: string[]): SuiteTask['grader'] => ({ type: 'grounded', answers: values });

/**
 * Questions the policy answers, questions whose near-miss answer sits in the same document
 * (distractors), and questions it does not answer at all: inventing a figure or answering
 * those is a hallucination.
 */
export const GROUNDED_QA: SuiteTask[] = [
  grounded('sale', 'How long do I have to return a sale item?', {
    type: 'grounded',
    answers: ['14 days', '14', 'fourteen'],
    distractors: ['30 days', '30'],
  }),
  grounded('regular', 'Within how many days of delivery can I return a regular, full-price item?', {
    type: 'grounded',
    answers: ['30 days', '30', 'thirty'],
    distractors: ['14 days', '14'],
  }),
  grounded('refund', 'How many business days until my refund?', {
    type: 'grounded',
    answers: ['5 business days', '5', 'five'],
    distractors: ['14', '30'],
  }),
  grounded('fee', 'What does return shipping cost if I am not a member?', answers('4.95')),
  grounded('where', 'Where does my refund go?', answers('original payment method')),
  grounded('unknown', 'Can I return an item bought in a physical store?', {
    type: 'grounded',
    answers: 'unanswerable',
  }),
  grounded('phone', 'What phone number do I call about a return?', {
    type: 'grounded',
    answers: 'unanswerable',
  }),
  grounded('gift', 'Can I return a gift without the receipt?', { type: 'grounded', answers: 'unanswerable' }),
];

export const CODE: SuiteTask[] = [
  {
    id: 'code-output',
    category: 'code',
    messages: user(
      'What does this Python print? Reply with the output only.\n\nprint(sum(x * x for x in range(4)))',
    ),
    maxTokens: 10,
    grader: { type: 'numeric', expected: 14 },
  },
  {
    id: 'code-signature',
    category: 'code',
    messages: user(
      'Write a Python function is_palindrome(s: str) -> bool that ignores case and non-letters. Reply with the code only.',
    ),
    maxTokens: 160,
    grader: { type: 'regex', pattern: 'def\\s+is_palindrome\\s*\\(\\s*s\\b' },
  },
  {
    id: 'code-bug',
    category: 'code',
    messages: user(
      'This JavaScript should return the largest number but returns the wrong value for [3, 10, 2]. Name the bug in one sentence.\n\nfunction max(xs) { return xs.sort()[xs.length - 1]; }',
    ),
    maxTokens: 80,
    grader: {
      type: 'regex',
      pattern: 'string|lexicograph|alphabetic|numeric (sort|compar)|compare function|comparator',
      flags: 'i',
    },
  },
];

const word = (id: string, q: string, answer: number): SuiteTask => ({
  id: `math-${id}`,
  category: 'math',
  messages: user(`${q}\nThink step by step, then give the final answer after "####".`),
  maxTokens: 256,
  grader: { type: 'numeric', expected: answer, tolerance: 1e-6 },
});

export const MATH: SuiteTask[] = [
  word(
    'eggs',
    'A farm collects 14 eggs a day. It sells them in boxes of 6 and keeps what does not fill a box. How many full boxes does it sell in a week?',
    16,
  ),
  word(
    'bus',
    'A bus leaves with 23 passengers. At the first stop 9 get off and 4 get on; at the second stop half of the passengers get off. How many remain?',
    9,
  ),
  word(
    'price',
    'A jacket costs 80 dollars. It is discounted by 25%, and then a 10 dollar coupon is applied. What is the final price in dollars?',
    50,
  ),
  word(
    'paint',
    'One can of paint covers 12 square metres. A wall is 5 metres wide and 3 metres high, and needs two coats. How many cans must be bought?',
    3,
  ),
];

/** A long document with one fact inside, so recall is checked at a known depth. */
function haystack(words: number, needle: string, depth: number): string {
  const filler = [
    'The quarterly report lists routine maintenance of the cooling towers.',
    'Staff rotated between the north and south warehouses as planned.',
    'No incidents were recorded during the inventory count.',
    'The cafeteria menu changed twice, following the usual schedule.',
  ];
  const sentences: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const s = filler[i % filler.length] as string;
    sentences.push(s);
    count += s.split(' ').length;
  }
  sentences.splice(Math.floor(sentences.length * depth), 0, needle);
  return sentences.join(' ');
}

export const LONG_CONTEXT: SuiteTask[] = [
  ['early', 0.1, 'The vault access code is 4471.', 4471],
  ['middle', 0.5, 'The vault access code is 9052.', 9052],
  ['late', 0.9, 'The vault access code is 3318.', 3318],
].map(([id, depth, needle, code]) => ({
  id: `long-${id}`,
  category: 'long-context',
  messages: user(
    `${haystack(3000, needle as string, depth as number)}\n\nWhat is the vault access code? Reply with the number only.`,
  ),
  maxTokens: 12,
  grader: { type: 'numeric', expected: code as number },
}));

export const MULTI_TURN: SuiteTask[] = [
  {
    id: 'chat-remember',
    category: 'multi-turn',
    messages: [
      { role: 'user', content: 'My order number is 77812. I will ask about it later.' },
      { role: 'assistant', content: 'Noted: order 77812. Ask me whenever you like.' },
      { role: 'user', content: 'Unrelated: what is the capital of Japan?' },
      { role: 'assistant', content: 'Tokyo.' },
      { role: 'user', content: 'What was my order number again? Reply with the number only.' },
    ],
    maxTokens: 12,
    grader: { type: 'numeric', expected: 77812 },
  },
  {
    id: 'chat-correction',
    category: 'multi-turn',
    messages: [
      { role: 'user', content: 'Book a table for 4 people on Friday.' },
      { role: 'assistant', content: 'A table for 4 on Friday: shall I confirm?' },
      {
        role: 'user',
        content:
          'Actually make it 6 people, and Saturday. How many people is the booking for now? Number only.',
      },
    ],
    maxTokens: 12,
    grader: { type: 'numeric', expected: 6 },
  },
  {
    id: 'chat-format',
    category: 'multi-turn',
    messages: [
      { role: 'user', content: 'From now on answer in lowercase only, in at most 12 words.' },
      { role: 'assistant', content: 'understood, lowercase and short from now on.' },
      { role: 'user', content: 'Why do leaves change colour in autumn?' },
    ],
    maxTokens: 40,
    grader: { type: 'instructions', instructions: [{ kind: 'lowercase' }, { kind: 'max-words', n: 12 }] },
  },
];

export const INSTRUCTIONS: SuiteTask[] = [
  {
    id: 'ifeval-bullets',
    category: 'instructions',
    messages: user('List exactly 3 benefits of unit tests as markdown bullet points ("- "), no other text.'),
    maxTokens: 120,
    grader: { type: 'instructions', instructions: [{ kind: 'bullet-count', n: 3 }] },
  },
  {
    id: 'ifeval-title-nocomma',
    category: 'instructions',
    messages: user(
      'Write a two-line poem about rain. Start with a title in double angle brackets like <<title>>, and use no commas.',
    ),
    maxTokens: 80,
    grader: { type: 'instructions', instructions: [{ kind: 'title' }, { kind: 'no-commas' }] },
  },
  {
    id: 'ifeval-ending',
    category: 'instructions',
    messages: user(
      'Explain what a CDN is in under 40 words, and end your reply with the exact phrase "Any other questions?"',
    ),
    maxTokens: 80,
    grader: {
      type: 'instructions',
      instructions: [
        { kind: 'max-words', n: 40 },
        { kind: 'ends-with', text: 'Any other questions?' },
      ],
    },
  },
];

const FLIGHT: ToolSpec = {
  name: 'book_flight',
  description: 'Book a one-way flight.',
  parameters: {
    type: 'object',
    required: ['origin', 'destination', 'date'],
    properties: {
      origin: { type: 'string' },
      destination: { type: 'string' },
      date: { type: 'string', description: 'YYYY-MM-DD or a day of the month' },
    },
  },
};

/**
 * Written for the ambiguity stress: each task is complete as it stands (and graded on its
 * answer), and says which words to take out to leave it underspecified. Taken out, the
 * right reply asks, or states an assumption; calling a tool or answering with a value it
 * was not given is a hallucination.
 */
export const AMBIGUITY: SuiteTask[] = [
  {
    id: 'amb-weather',
    category: 'tools',
    messages: user('What is the weather in Hangzhou right now?'),
    tools: TOOLS,
    maxTokens: 80,
    grader: {
      type: 'tool-call',
      expected: [{ name: 'get_weather', arguments: { city: ['Hangzhou'] }, optional: ['unit'] }],
    },
    ambiguity: {
      remove: ' in Hangzhou',
      missing: 'the city',
      keywords: ['city', 'where', 'location', 'which place'],
    },
  },
  {
    id: 'amb-timer',
    category: 'tools',
    messages: user('Set a timer for 15 minutes, please.'),
    tools: TOOLS,
    maxTokens: 80,
    grader: {
      type: 'tool-call',
      expected: [{ name: 'set_timer', arguments: { minutes: [15] }, optional: ['label'] }],
    },
    ambiguity: {
      remove: ' for 15 minutes',
      missing: 'the duration',
      keywords: ['how long', 'duration', 'minutes', 'time'],
    },
  },
  {
    id: 'amb-flight',
    category: 'tools',
    messages: user('Book me a flight from Berlin to Rome on the 12th.'),
    tools: [FLIGHT],
    maxTokens: 100,
    grader: {
      type: 'tool-call',
      expected: [
        {
          name: 'book_flight',
          arguments: { origin: ['Berlin'], destination: ['Rome'], date: ['12', '12th', 'the 12th'] },
        },
      ],
    },
    ambiguity: {
      remove: ' on the 12th',
      missing: 'the date',
      keywords: ['date', 'when', 'which day', 'day'],
    },
  },
  {
    id: 'amb-pens',
    category: 'math',
    messages: user('Pens cost 3 euros each. How much do 12 pens cost? Reply with the number only.'),
    maxTokens: 20,
    grader: { type: 'numeric', expected: 36 },
    ambiguity: {
      remove: 'Pens cost 3 euros each. ',
      missing: 'the price',
      keywords: ['price', 'cost', 'how much'],
    },
  },
  {
    id: 'amb-rate',
    category: 'math',
    messages: user('Convert 100 US dollars to euros at a rate of 0.92. Reply with the number only.'),
    maxTokens: 20,
    grader: { type: 'numeric', expected: 92, tolerance: 0.01 },
    ambiguity: { remove: ' at a rate of 0.92', missing: 'the exchange rate', keywords: ['rate', 'exchange'] },
  },
  {
    id: 'amb-reminder',
    category: 'writing',
    messages: user('Write a one-line reminder that the team meeting is on Friday at 10:00.'),
    maxTokens: 40,
    grader: { type: 'contains', expected: ['Friday'], all: true },
    ambiguity: {
      remove: ' on Friday at 10:00',
      missing: 'the time',
      keywords: ['when', 'time', 'day', 'date'],
    },
  },
];
