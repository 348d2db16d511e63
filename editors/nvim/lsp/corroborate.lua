-- The corroborate language server, in the shape nvim-lspconfig uses: with this directory on
-- 'runtimepath', `vim.lsp.enable('corroborate')` is enough (Neovim 0.11+, :help lsp-config).
-- `require('corroborate').setup({...})` layers the options given to it on top of this.

---@type vim.lsp.Config
return {
  cmd = { 'corroborate', 'lsp' },
  filetypes = { 'markdown' },
  -- The project file first (the nearest one wins, as for `corroborate check`), else the repo.
  root_markers = { 'corroborate.toml', '.git' },
  -- The same keys as corroborate.toml: corpus, severity, thresholds, aliases. Sent with
  -- workspace/didChangeConfiguration and in answer to workspace/configuration; a
  -- corroborate.toml in the project wins over them.
  settings = { corroborate = {} },
}
