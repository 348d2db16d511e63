-- setup() options → the vim.lsp.Config layered on top of lsp/corroborate.lua.
--
-- Options of three kinds:
--   * server settings, the keys of corroborate.toml: corpus, severity, thresholds, aliases,
--     model;
--     they become settings.corroborate (a `settings` table given as well is merged under them);
--   * which binary: `cmd` (the whole command) or `binary` (a path; runs `<binary> lsp`);
--   * this plugin's own: sources_view ('quickfix' or 'float');
-- anything else (on_attach, capabilities, filetypes, root_markers, init_options, ...) is a
-- vim.lsp.Config field and passed through as given.
local M = {}

M.SETTINGS = { 'corpus', 'severity', 'thresholds', 'aliases', 'model' }

M.defaults = {
  sources_view = 'quickfix',
}

--- Paths in `corpus` with ~ and $VARS expanded; relative ones stay relative (the server
--- takes them from the workspace folder, as it does for every editor).
local function expand_corpus(corpus)
  if type(corpus) == 'string' then
    return vim.fs.normalize(corpus)
  end
  if type(corpus) == 'table' then
    return vim.tbl_map(function(p)
      return type(p) == 'string' and vim.fs.normalize(p) or p
    end, corpus)
  end
  return corpus
end

--- Where the binary is when neither `cmd` nor `binary` says: `corroborate` on $PATH, else
--- where `cargo install` puts it (an editor started from a desktop may not have ~/.cargo/bin
--- on its PATH). `nil` when neither is there: the lsp/corroborate.lua default stays.
function M.find_binary()
  if vim.fn.executable('corroborate') == 1 then
    return nil
  end
  local cargo = vim.fs.joinpath(vim.env.CARGO_HOME or vim.fs.normalize('~/.cargo'), 'bin', 'corroborate')
  if vim.fn.executable(cargo) == 1 then
    return cargo
  end
  return nil
end

--- Removes the server settings (corpus, severity, thresholds, aliases, model) from `opts` and
--- returns them, corpus paths expanded.
function M.take_settings(opts)
  local server = {}
  for _, key in ipairs(M.SETTINGS) do
    if opts[key] ~= nil then
      server[key] = opts[key]
      opts[key] = nil
    end
  end
  if server.corpus ~= nil then
    server.corpus = expand_corpus(server.corpus)
  end
  return server
end

--- Splits setup() options into the plugin's own and the vim.lsp.Config override.
--- @return table plugin options, vim.lsp.Config override
function M.resolve(opts)
  opts = vim.deepcopy(opts or {})
  local plugin = vim.tbl_extend('force', M.defaults, {})
  for key in pairs(M.defaults) do
    if opts[key] ~= nil then
      plugin[key] = opts[key]
      opts[key] = nil
    end
  end
  if plugin.sources_view ~= 'quickfix' and plugin.sources_view ~= 'float' then
    error(("corroborate: sources_view must be 'quickfix' or 'float', not %s"):format(vim.inspect(plugin.sources_view)))
  end

  local server = M.take_settings(opts)

  local binary = opts.binary
  opts.binary = nil
  if opts.cmd == nil then
    binary = binary and vim.fs.normalize(binary) or M.find_binary()
    if binary then
      opts.cmd = { binary, 'lsp' }
    end
  end

  if next(server) then
    opts.settings = vim.tbl_deep_extend('force', opts.settings or {}, { corroborate = server })
  end
  return plugin, opts
end

return M
