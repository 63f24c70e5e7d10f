// Words that carry no filter on their own; a data name match must cover at least one word that is not one of these.
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'me', 'my', 'our', 'ours', 'us', 'we', 'i', 'you', 'your', 'it', 'its', 'this', 'that', 'these', 'those',
  'them', 'they', 'their', 'please', 'pls', 'plz', 'kindly', 'can', 'could', 'would', 'will', 'should', 'shall', 'may', 'might',
  'with', 'for', 'to', 'of', 'in', 'on', 'at', 'from', 'into', 'onto', 'about', 'as', 'by', 'per', 'and', 'or', 'but', 'nor',
  'are', 'is', 'was', 'were', 'be', 'been', 'being', 'am', 'there', 'here', 'have', 'has', 'had', 'do', 'does', 'did', 'done',
  'what', 'which', 'who', 'whom', 'whose', 'where', 'when', 'why', 'how', 'all', 'any', 'some', 'every', 'each', 'much',
  'many', 'more', 'most', 'very', 'really', 'just', 'only', 'also', 'too', 'now', 'then', 'so', 'than', 'if', 'else', 'up',
  'out', 'over', 'under', 'again', 'still', 'yet', 'already', 'ever', 'one', 'ones', 'thing', 'things', 'stuff', 'lot', 'lots',
  'show', 'list', 'find', 'give', 'get', 'display', 'see', 'view', 'tell', 'want', 'need', 'let', 'lets', 'like', 'know',
  'look', 'looking', 'currently', 'current', 'right', 'today', 'ok', 'okay', 'hey', 'hi', 'hello', 'thanks', 'thank', 'yes',
  'no', 'not', 'don', 't', 's', 're', 've', 'll', 'd', 'm', 'whats', 'which', 'affect', 'affecting', 'affected', 'having',
  'related', 'regarding', 'concerning', 'across', 'within', 'inside', 'under', 'against', 'exist', 'exists', 'existing', 'got',
  'anything', 'something', 'everything', 'anyone', 'someone', 'everyone', 'other', 'same', 'such', 'own', 'owned', 'via',
  'both', 'either', 'neither', 'around', 'again', 'quick', 'quickly', 'asap', 'now', 'urgent', 'top', 'biggest', 'worst',
  'important', 'main', 'key', 'open', 'pending', 'left', 'remaining', 'currently', 'still', 'new', 'recent', 'latest', 'tenant',
  'environment', 'org', 'organization', 'organisation', 'company', 'estate', 'cloud', 'clouds', 'fix', 'fixing', 'need',
  'needs', 'needing', 'attention', 'identified', 'detected', 'flagged', 'found', 'reported', 'level', 'levels', 'rated',
  'labelled', 'labeled', 'marked', 'classified', 'considered', 'related', 'where', 'whose', 'filter', 'filtered', 'instead',
  // Everyday nouns that name no resource on their own ("the payments app", "our billing service").
  'app', 'application', 'workload', 'system', 'service', 'services', 'team', 'stuff', 'wrong', 'broken', 'bad', 'issue',
]);
