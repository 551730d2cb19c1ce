// Confluent's own JavaScript clients against callstream's registry and wire format.
//   node compat.mjs decode --bootstrap B --registry R --topic T --count N   prints each value as a JSON line
//   node compat.mjs encode --bootstrap B --registry R --topic T --input F   produces each JSON line of F, keyed by callId
// With SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO=user:secret in the environment (never an argument), the registry client
// sends HTTP Basic credentials, configured as Confluent documents it (credentialsSource USER_INFO).
// Driven by ConfluentJavaScriptCompatibilityTest; exits non-zero on any failure.
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistryClient, SerdeType, AvroSerializer, AvroDeserializer } from '@confluentinc/schemaregistry';

const [command, ...rest] = process.argv.slice(2);
const args = {};
for (let i = 0; i < rest.length; i += 2) args[rest[i].replace(/^--/, '')] = rest[i + 1];

const userInfo = process.env.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO;
const registry = new SchemaRegistryClient({
  baseURLs: [args.registry],
  ...(userInfo ? { basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo } } : {}),
});
const kafka = new Kafka({ clientId: 'callstream-compat', brokers: [args.bootstrap], logLevel: logLevel.ERROR });

function toJson(value) {
  return JSON.stringify(value, (key, v) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Date) return v.getTime();
    if (v && v.type === 'Buffer' && Array.isArray(v.data)) return Buffer.from(v.data).toString('base64');
    return v;
  });
}

async function decode() {
  const count = Number(args.count);
  const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, {});
  const consumer = kafka.consumer({ groupId: `compat-${args.topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: args.topic, fromBeginning: true });
  let seen = 0;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${seen} of ${count} records within 60 s`)), 60_000);
    consumer.run({
      eachMessage: async ({ message }) => {
        const value = await deserializer.deserialize(args.topic, message.value);
        process.stdout.write(toJson({ key: message.key.toString(), value }) + '\n');
        if (++seen === count) { clearTimeout(timer); resolve(); }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
}

async function encode() {
  const serializer = new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false });
  const records = readFileSync(args.input, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const messages = [];
  for (const record of records) {
    messages.push({ key: record.callId, value: await serializer.serialize(args.topic, record) });
  }
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: args.topic, messages });
  await producer.disconnect();
  process.stdout.write(`produced ${messages.length}\n`);
}

const commands = { decode, encode };
if (!commands[command]) {
  console.error(`unknown command '${command}': use decode or encode`);
  process.exit(2);
}
commands[command]().then(() => process.exit(0), (e) => { console.error(e.stack || String(e)); process.exit(1); });
