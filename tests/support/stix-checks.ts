import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { extensionId, extensionSchemaFile } from '../../server/domain/stix/extension.js';
import { runPython } from './python.js';

export interface ValidatorVerdict {
  valid: boolean;
  /** Error messages by object id ('bundle' for the bundle's own). */
  errors: Record<string, string[]>;
}

/**
 * The OASIS stix2-validator on a bundle, in default or strict mode (nothing disabled), with its errors grouped by
 * the object they concern, so an export can be compared with its source object by object.
 */
export async function validateStix(bundle: string, strict: boolean): Promise<ValidatorVerdict> {
  return runPython<ValidatorVerdict>(
    `import json, sys
from stix2validator import validate_parsed_json, ValidationOptions
bundle = json.loads(sys.stdin.read())
options = ValidationOptions(version='2.1', strict=${strict ? 'True' : 'False'})
valid = True
errors = {}
# Object by object, so each error is known to belong to its object (the validator's messages do not always say).
for obj in bundle['objects']:
    result = validate_parsed_json(obj, options)
    valid = valid and result.is_valid
    if result.errors:
        errors[obj.get('id', '?')] = sorted(str(error).split(': ', 1)[-1] for error in result.errors)
whole = validate_parsed_json(dict(bundle, objects=[]), options)
if whole.errors:
    valid = False
    errors['bundle'] = [str(error) for error in whole.errors]
print(json.dumps({'valid': valid, 'errors': errors}))`,
    bundle,
  );
}

export interface ParseVerdict {
  /** Whether stix2.parse (python-stix2) reads the whole bundle without allow_custom. */
  bundle: boolean;
  bundleError: string | null;
  /** The objects stix2.parse refuses on their own, without allow_custom, with why. */
  refused: Record<string, string>;
}

/** python-stix2's parse without allow_custom, on the bundle and on each object alone. */
export async function parseWithStix2(bundle: string): Promise<ParseVerdict> {
  return runPython<ParseVerdict>(
    `import json, sys
import stix2
text = sys.stdin.read()
verdict = {'bundle': True, 'bundleError': None, 'refused': {}}
try:
    stix2.parse(text)
except Exception as error:
    verdict['bundle'] = False
    verdict['bundleError'] = str(error)[:300]
for obj in json.loads(text)['objects']:
    try:
        stix2.parse(obj)
    except Exception as error:
        verdict['refused'][obj.get('id', '?')] = str(error)[:300]
print(json.dumps(verdict))`,
    bundle,
  );
}

export interface ExtensionVerdict {
  /** How many objects carry the project's extension (so a check of none is seen as such). */
  checked: number;
  /** Schema errors by object id. */
  errors: Record<string, string[]>;
}

/**
 * Every object's project extension against its committed JSON schema (docs/stix/attribution-explorer-extension.schema.json),
 * with python's jsonschema (draft 2020-12; stix2-validator depends on it).
 */
export async function checkExtensionSchema(bundle: string): Promise<ExtensionVerdict> {
  return runPython<ExtensionVerdict>(
    `import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(${JSON.stringify(path.join(projectRoot, extensionSchemaFile))}))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
verdict = {'checked': 0, 'errors': {}}
for obj in json.loads(sys.stdin.read())['objects']:
    ours = obj.get('extensions', {}).get(${JSON.stringify(extensionId)})
    if ours is None:
        continue
    verdict['checked'] += 1
    errors = sorted('/'.join(map(str, error.absolute_path)) + ': ' + error.message for error in validator.iter_errors(ours))
    if errors:
        verdict['errors'][obj['id']] = errors
print(json.dumps(verdict))`,
    bundle,
  );
}
