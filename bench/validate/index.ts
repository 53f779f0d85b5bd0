/**
 * `pnpm bench validate [--quick] [--records=N]`: how many records per second the form engine checks and
 * normalises for a 20-field form, in this one process (one core). Reports both wall-clock and CPU-time
 * rates: on a shared machine CPU time (`process.cpuUsage()`) is the figure that other load disturbs least.
 */
import { validateForm } from '@tangram/schema';
import { evaluateForm } from '@tangram/engine-form';
import { intOption, parseArgs } from '../lib/args';
import { startMachineNote, busyWarning } from '../lib/machine';
import { emitFigures, progress, runMain } from '../lib/output';
import { generateInputs, TWENTY_FIELD_FORM } from './twenty-field-form';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), ['records']);
  const total = intOption(args, 'records', args.quick ? 20_000 : 200_000);
  const machine = startMachineNote();
  const warning = busyWarning();
  if (warning) progress(warning);

  const validated = validateForm(TWENTY_FIELD_FORM);
  if (!validated.ok) throw new Error(`bench form does not validate: ${JSON.stringify(validated.problems)}`);
  const form = validated.value;
  // A pool of distinct inputs, cycled: generating 200k inputs would measure the generator's memory too.
  const inputs = generateInputs(10_000);
  const ctx = (i: number) => ({
    mode: 'create' as const,
    now: '2025-03-01T17:30:00Z',
    user: { id: 'u_7', orgUnitIds: ['sh01'] },
    autonumbers: { code: i },
  });

  progress(`warming up (${Math.min(total, 20_000)} evaluations)`);
  for (let i = 0; i < Math.min(total, 20_000); i++) evaluateForm(form, inputs[i % inputs.length]!, ctx(i));

  progress(`evaluating ${total} records`);
  let ok = 0;
  const cpuStart = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  for (let i = 0; i < total; i++) {
    if (evaluateForm(form, inputs[i % inputs.length]!, ctx(i)).ok) ok++;
  }
  const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  // The baseline, measured in the same run so machine load cancels out: a JSON round trip of each input,
  // the least any server does with a record it receives.
  progress(`baseline: JSON round trip of ${total} inputs`);
  const baselineStart = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < total; i++) bytes += Object.keys(JSON.parse(JSON.stringify(inputs[i % inputs.length]))).length;
  const baselineCpu = process.cpuUsage(baselineStart);
  const baselineSeconds = (baselineCpu.user + baselineCpu.system) / 1e6;
  if (bytes === 0) throw new Error('baseline did no work');

  emitFigures({
    benchmark: 'validate',
    fields: form.fields.length,
    records: total,
    accepted: ok,
    wallSeconds: Number(wallSeconds.toFixed(3)),
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    recordsPerSecond: Math.round(total / wallSeconds),
    recordsPerCpuSecond: Math.round(total / cpuSeconds),
    jsonRoundTripsPerCpuSecond: Math.round(total / baselineSeconds),
    /** How many JSON round trips cost as much as one evaluation. */
    costInJsonRoundTrips: Number((baselineSeconds === 0 ? 0 : cpuSeconds / baselineSeconds).toFixed(2)),
    machine: machine(),
  });
});
