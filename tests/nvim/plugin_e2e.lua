-- Driven by tests/nvim/plugin.sh: Neovim started with the user's init.lua, which only calls
-- require('corroborate').setup({ corpus = ... }) for the plugin installed as a package.
-- Nothing here configures vim.lsp: what is checked is what the plugin set up.
--
-- Expected values are computed here, not taken from the server: ranges by finding the
-- sentence in the buffer's lines, source lines by reading the corpus file.

local work = assert(os.getenv('E2E_WORK'), 'E2E_WORK')
local plugin_dir = assert(os.getenv('E2E_PLUGIN'), 'E2E_PLUGIN')
local bin = assert(os.getenv('E2E_BIN'), 'E2E_BIN')
local version = assert(os.getenv('E2E_VERSION'), 'E2E_VERSION')
local project = work .. '/project'
local corpus = work .. '/corpus'
local draft = project .. '/drafts/ceasefire_winners.md'

-- Sentences of ceasefire_winners.md: two about nothing in the corpus (the second after a
-- curly apostrophe, so its byte column differs from its character column), one copied from
-- Alexander Gabuev's thread.
local DEATH_TOLL = "The war's death toll exceeded five thousand soldiers on both sides combined."
local REFUGEES = 'Roughly 90,000 Karabakh Armenians fled to Armenia during the six weeks of fighting.'
local GABUEV = 'Russia has put its 2,000 peacekeepers in NK, something that Moscow wanted to do back in 1994 but was unable to.'
-- The same claim as the thread words it (000_f6b3baf1f9aac04f.txt).
local GABUEV_SOURCE = 'Russia has put its 2000 peacekeepers in NK - something that Moscow wanted to do back in 1994, but was unable to.'

local passed, failed = 0, 0
-- Counts so far, for plugin.sh to report if Neovim is killed before the end.
local counts_file = work .. '/counts'

local function out(line)
  io.stdout:write('nvim plugin: ' .. line .. '\n')
end

local function finish()
  out(failed == 0 and 'PASS' or 'FAIL')
  io.stdout:write(('%d passed, %d failed\n'):format(passed, failed))
  vim.fn.writefile({ 'done' }, counts_file)
  if failed > 0 then
    vim.cmd('cquit! 1')
  end
  vim.cmd('qall!')
end

-- Set once the draft is open: each check starts from it, whatever the previous one left.
local reset

--- Runs one named check; an error (assert) fails it and the run goes on.
local function check(name, fn)
  if reset then
    pcall(reset)
  end
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    out('ok: ' .. name)
  else
    failed = failed + 1
    io.stderr:write('nvim plugin: FAIL: ' .. name .. '\n' .. tostring(err) .. '\n')
  end
  vim.fn.writefile({ passed .. ' ' .. failed }, counts_file)
  return ok
end

local function wait(ms, what, cond)
  if not vim.wait(ms, cond, 20) then
    error('timed out waiting for ' .. what, 2)
  end
end

local function eq(got, want, what)
  if got ~= want then
    error(('%s: got %s, want %s'):format(what, vim.inspect(got), vim.inspect(want)), 2)
  end
end

local function contains(haystack, needle, what)
  if type(haystack) ~= 'string' or not haystack:find(needle, 1, true) then
    error(('%s: %s not in %s'):format(what, vim.inspect(needle), vim.inspect(haystack)), 2)
  end
end

-- Messages the plugin shows, recorded (and still printed).
local notified = {}
vim.notify = function(msg, level)
  table.insert(notified, { msg = msg, level = level })
  out('message: ' .. msg)
end

-- ---- the plugin as installed ----

check('plugin loaded from the package, lsp/corroborate.lua resolved, commands defined', function()
  local files = vim.api.nvim_get_runtime_file('lsp/corroborate.lua', true)
  eq(#files, 1, 'lsp/corroborate.lua on the runtimepath')
  eq(vim.fn.resolve(files[1]), vim.fn.resolve(plugin_dir .. '/lsp/corroborate.lua'), 'config file')
  assert(vim.lsp.is_enabled('corroborate'), 'setup() enabled the config')
  local config = vim.lsp.config.corroborate
  eq(vim.inspect(config.cmd), vim.inspect({ 'corroborate', 'lsp' }), 'default cmd')
  eq(vim.inspect(config.root_markers), vim.inspect({ 'corroborate.toml', '.git' }), 'root markers')
  eq(vim.inspect(config.settings.corroborate.corpus), vim.inspect({ corpus }), 'corpus setting')
  eq(vim.fn.exists(':CorroborateReindex'), 2, ':CorroborateReindex')
  eq(vim.fn.exists(':CorroborateSources'), 2, ':CorroborateSources')
end)

check('`binary` and `cmd` options choose the command', function()
  local config = require('corroborate.config')
  local _, lsp = config.resolve({ binary = '/opt/x/corroborate', corpus = '~/sources' })
  eq(vim.inspect(lsp.cmd), vim.inspect({ '/opt/x/corroborate', 'lsp' }), 'binary')
  eq(lsp.settings.corroborate.corpus, vim.fs.normalize('~/sources'), '~ expanded')
  local _, lsp2 = config.resolve({ cmd = { 'x', 'lsp', '--stdio' }, binary = '/ignored' })
  eq(vim.inspect(lsp2.cmd), vim.inspect({ 'x', 'lsp', '--stdio' }), 'cmd wins')
  local _, lsp3 = config.resolve({ severity = { copied = 'warning' }, settings = { corroborate = { corpus = 'a' } } })
  eq(vim.inspect(lsp3.settings), vim.inspect({ corroborate = { corpus = 'a', severity = { copied = 'warning' } } }), 'merged')
end)

-- ---- a draft opened ----

vim.cmd.edit(draft)
local buf = vim.api.nvim_get_current_buf()
local client

if not check('the server starts for the draft, rooted at the project', function()
  eq(vim.bo[buf].filetype, 'markdown', 'filetype')
  wait(15000, 'the corroborate client to attach', function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'corroborate' })[1]
    return client ~= nil and client.initialized
  end)
  eq(client.root_dir, project, 'root_dir (the .git marker)')
  eq(client.server_info.name, 'corroborate', 'server name')
  eq(client.offset_encoding, 'utf-8', 'negotiated encoding')
end) then
  return finish()
end

reset = function()
  vim.cmd('cclose')
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      vim.api.nvim_win_close(w, true)
    end
  end
  vim.cmd('silent! only')
  vim.cmd.buffer(buf)
end

--- 0-based line and byte columns of `sentence` in the buffer, found by plain search.
local function locate(sentence)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local s = line:find(sentence, 1, true)
    if s then
      return i - 1, s - 1, s - 1 + #sentence
    end
  end
  error('not in the buffer: ' .. sentence)
end

local function diagnostic_at(line, col)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == line and d.col == col then
      return d
    end
  end
end

local function expect_unsupported(sentence)
  local line, col, end_col = locate(sentence)
  wait(20000, 'a diagnostic at ' .. line .. ':' .. col, function()
    return diagnostic_at(line, col) ~= nil
  end)
  local d = diagnostic_at(line, col)
  eq(d.code, 'unsupported', 'code')
  eq(d.end_lnum, line, 'end line')
  eq(d.end_col, end_col, 'end column')
  eq(d.severity, vim.diagnostic.severity.WARN, 'severity')
  eq(d.source, 'corroborate', 'source')
  contains(d.message, 'Unsupported', 'message')
end

check('unsupported sentence flagged with its exact range', function()
  expect_unsupported(DEATH_TOLL)
end)

check('unsupported sentence after a multi-byte character: byte columns right', function()
  local line, col = locate(REFUGEES)
  local before = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]:sub(1, col)
  assert(#before > vim.fn.strchars(before), 'a multi-byte character precedes it')
  expect_unsupported(REFUGEES)
end)

local function hover_text(line, col)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
  local results = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
  for _, r in pairs(results) do
    assert(not r.err, vim.inspect(r.err))
    if r.result then
      return r.result.contents.value
    end
  end
end

local function floating_windows()
  return vim.tbl_filter(function(w)
    return vim.api.nvim_win_get_config(w).relative ~= ''
  end, vim.api.nvim_list_wins())
end

local function close_floats()
  for _, w in ipairs(floating_windows()) do
    vim.api.nvim_win_close(w, true)
  end
end

local function window_text(win)
  local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
  return table.concat(lines, '\n')
end

check('hover on the sentence from the Gabuev thread names the analyst', function()
  local line, col = locate(GABUEV)
  local text = hover_text(line, col + 10)
  contains(text, 'Alexander Gabuev', 'hover')
  contains(text, 'Copied', 'hover')
  -- and as the user sees it: K opens a float with it
  vim.api.nvim_win_set_cursor(0, { line + 1, col + 10 })
  vim.lsp.buf.hover()
  wait(10000, 'the hover window', function()
    return #floating_windows() > 0
  end)
  contains(window_text(floating_windows()[1]), 'Alexander Gabuev', 'hover window')
  close_floats()
end)

--- 1-based line and byte column of `needle` in a file, by reading it.
local function place_in_file(path, needle)
  for i, line in ipairs(vim.fn.readfile(path)) do
    local s = line:find(needle, 1, true)
    if s then
      return i, s
    end
  end
end

check(':CorroborateSources lists the sources of the sentence under the cursor in quickfix', function()
  local line, col = locate(GABUEV)
  vim.api.nvim_win_set_cursor(0, { line + 1, col + 5 })
  vim.fn.setqflist({}, 'r', { title = 'before', items = {} })
  vim.cmd('CorroborateSources')
  wait(10000, 'the quickfix list', function()
    return vim.fn.getqflist({ title = 1 }).title:find('^corroborate') ~= nil
  end)
  local qf = vim.fn.getqflist({ title = 1, items = 1, winid = 1 })
  if os.getenv('E2E_SHOW') then out('quickfix: ' .. qf.title .. '\n' .. vim.inspect(vim.tbl_map(function(i) return i.text end, qf.items))) end
  contains(qf.title, 'Copied', 'title')
  assert(qf.winid ~= 0, 'the quickfix window is open')
  assert(#qf.items >= 1, 'at least one source')
  local first = qf.items[1]
  local file = vim.api.nvim_buf_get_name(first.bufnr)
  assert(file:match('/corpus/00[01]_[0-9a-f]+%.txt$'), 'a Gabuev thread file: ' .. file)
  local want_line, want_col = place_in_file(file, GABUEV_SOURCE)
  assert(want_line, 'the source sentence is in ' .. file)
  eq(first.lnum, want_line, 'line of the source sentence')
  eq(first.col, want_col, 'column of the source sentence')
  contains(first.text, 'Alexander Gabuev', 'entry')
  contains(first.text, GABUEV_SOURCE, 'entry')
  -- :cc opens the source there
  vim.cmd('cc 1')
  eq(vim.api.nvim_buf_get_name(0), file, 'jumped to the source')
  eq(vim.api.nvim_win_get_cursor(0)[1], want_line, 'at the line')
end)

check(':CorroborateSources float shows them in a floating window', function()
  local line, col = locate(GABUEV)
  vim.api.nvim_win_set_cursor(0, { line + 1, col + 5 })
  vim.cmd('CorroborateSources float')
  wait(10000, 'the sources window', function()
    return #floating_windows() > 0
  end)
  local text = window_text(floating_windows()[1])
  if os.getenv('E2E_SHOW') then out('float:\n' .. text) end
  contains(text, 'Alexander Gabuev', 'float')
  contains(text, GABUEV_SOURCE, 'float')
  contains(text, '000_f6b3baf1f9aac04f.txt:16', 'float')
  close_floats()
end)

check(':CorroborateReindex picks up a source added on disk', function()
  local line, col = locate(DEATH_TOLL)
  -- a new report carrying the claim, with its metadata
  vim.fn.writefile({ 'Field notes, 10 November 2020.', '', DEATH_TOLL }, corpus .. '/005_field_notes.txt')
  vim.fn.writefile({ '', '[[source]]', 'file = "005_field_notes.txt"', 'author = "Test Reporter"', 'kind = "notes"' },
    corpus .. '/sources.toml', 'a')
  -- nothing else tells the server: still unsupported a while later
  vim.wait(1000)
  eq(diagnostic_at(line, col).code, 'unsupported', 'before the command')
  vim.cmd('CorroborateReindex')
  wait(15000, 'the diagnostic to change', function()
    local d = diagnostic_at(line, col)
    return d == nil or d.code ~= 'unsupported'
  end)
  local d = diagnostic_at(line, col)
  assert(d == nil or d.code == 'copied' or d.code == 'supported', 'now ' .. vim.inspect(d))
  contains(hover_text(line, col + 3), 'Test Reporter', 'hover after re-index')
  wait(5000, 'the re-index message', function()
    return vim.iter(notified):any(function(n)
      return n.msg:find('re-indexed', 1, true) ~= nil
    end)
  end)
  local message = vim.iter(notified):find(function(n)
    return n.msg:find('re-indexed', 1, true) ~= nil
  end)
  contains(message.msg, project .. ': 6 sources', 'message')
end)

check('update_settings() changes the severity in the running server', function()
  local line, col = locate(REFUGEES)
  require('corroborate').update_settings({ severity = { unsupported = 'error' } })
  wait(10000, 'the severity to change', function()
    local d = diagnostic_at(line, col)
    return d ~= nil and d.severity == vim.diagnostic.severity.ERROR
  end)
end)

check(':checkhealth corroborate finds the binary and its version', function()
  vim.cmd('silent checkhealth corroborate')
  local hbuf = vim.api.nvim_get_current_buf()
  eq(vim.bo[hbuf].filetype, 'checkhealth', 'health buffer')
  local text = table.concat(vim.api.nvim_buf_get_lines(hbuf, 0, -1, false), '\n')
  if os.getenv('E2E_SHOW') then out('health:\n' .. text) end
  contains(text, 'corroborate', 'report')
  contains(text, ('binary: %s (%s)'):format(bin, version), 'binary line')
  contains(text, 'server running', 'client line')
  contains(text, project, 'root')
  assert(not text:find('ERROR', 1, true), 'no error in:\n' .. text)
end)

finish()
