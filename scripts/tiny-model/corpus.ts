/**
 * Training text for the tiny model's BPE vocabulary. Written for this project (no
 * third-party text), so the vocabulary covers the words Qwenfit's own prompts use.
 */
export const CORPUS = `
Qwenfit helps a team pick the right Qwen model for each task. It runs small Qwen models on
the user's own device with WebGPU, inside a Web Worker, and sends the same prompt to larger
Qwen models behind an OpenAI-compatible API. Then it measures both side by side: the time
to first token, the decode speed in tokens per second, the end-to-end latency, the P50 and
the P95 over many runs, the quality of every answer, and the cost of each successful task.

You are a helpful assistant. Answer the question in one short sentence. Think step by step
before you answer, then give the final answer on its own line. If you do not know, say so.
The user asked: what is the capital of France? The assistant replied: Paris is the capital.
What is twelve times seven? Twelve times seven is eighty-four. What is 12 + 30? It is 42.
Translate "good morning" into French: bonjour. Summarise the text below in three bullet points.

A support ticket arrives: "My order has not arrived and the tracking page shows an error."
Classify the ticket as billing, shipping, account, or technical. The category is shipping.
Another ticket: "I was charged twice for the same invoice this month." The category is billing.
"I cannot log in after resetting my password." The category is account. Reply with JSON only.

{"category": "shipping", "priority": "high", "confidence": 0.92}
{"name": "get_weather", "arguments": {"city": "Hangzhou", "unit": "celsius"}}
{"name": "search_flights", "arguments": {"from": "SFO", "to": "PEK", "date": "2026-11-29"}}
<tool_call>
{"name": "lookup_order", "arguments": {"order_id": "A-1042"}}
</tool_call>

function add(a, b) {
  return a + b;
}
const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0);
export async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error("request failed with status " + response.status);
  return response.json();
}
def fibonacci(n):
    if n < 2:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)

for (let i = 0; i < 10; i++) { console.log(i); }
SELECT name, count(*) FROM orders WHERE status = 'shipped' GROUP BY name ORDER BY 2 DESC;

The model is small, so it runs fast on a laptop, but it makes more mistakes than the larger
model in the cloud. The larger model is slower to answer and it costs money for every token
it reads and writes. A good decision weighs quality, latency and cost together, task by task.
Some tasks are easy: classification, extraction, short answers. Other tasks need reasoning:
math word problems, planning, code review, long documents, and multi-turn conversations.

Start with a baseline: the strongest model you can afford. Measure it on your own tasks.
Then move down to a smaller model and see what breaks. Move up when quality is not enough.
Stress test the candidates with typos, long context, unusual formats and tricky questions.
Keep two candidates for each category of task, route each request to the cheapest model that
passes, and log every failure by its category: wrong answer, format error, tool misuse,
refusal, truncated output, timeout, or error. Run the same suite again every week.

Prefill is the time the model spends reading the prompt. Decode is the time it spends
writing the answer, one token after another. The first token arrives after the prefill.
A token is a piece of a word. The word "tokenization" may be split into several tokens.
Numbers such as 3.14159, 2048, 4096, 0.5, 1.5, 7, 14, 32, 72 and 235 appear in model names.
Qwen2.5-0.5B-Instruct, Qwen2.5-1.5B-Instruct, Qwen2.5-Coder-7B, Qwen3-0.6B, Qwen3-4B, Qwen3-8B,
qwen-turbo, qwen-plus, qwen-max, qwen3-max, qwen3-coder-plus, qwen3-235b-a22b, qwen-vl-plus.

The weather today is sunny with a light breeze; the temperature will reach twenty degrees.
She opened the window, looked at the river, and wrote a letter to her brother in the city.
They walked along the old road until the evening, talking about books, music and travel.
We will meet at the station at nine o'clock. Don't forget the tickets! It's going to be fun.
I've read the report and I'll send my notes tomorrow; we're close, but they'd like more data.
Why does the sky look blue? Because air scatters short wavelengths of sunlight more strongly.
How many legs does a spider have? A spider has eight legs. An insect has six legs.
If a train leaves at 3 pm and travels for 2 hours at 60 km per hour, it covers 120 km.
Alice has 5 apples, gives 2 to Bob and buys 4 more. How many apples does Alice have? 7.

Error: the server returned 429 Too Many Requests. Retry after a few seconds.
Error: 401 Unauthorized. Check the API key and the region of the endpoint.
Warning: the model does not fit in the memory this device reports. Try a smaller model.
Loading the model from cache. Compiling shaders. Downloading weights: 42% of 350 MB.
`;
