import type {Symlinks} from '../io/atomic-file.js'
import type {ProfileCredentials} from '../model/credentials.js'

/**
 * Every output is rendered before anything is written, so a failure while preparing one
 * artefact (a malformed credentials file, say) leaves all of them as they were.
 */
export interface PreparedFile {
  path: string
  content: string
  mode: number
  /** the directory to create (0700) when missing */
  dir: string
  /** clokta's own directory is narrowed to 0700 even when it exists; ~/.aws is the user's */
  ownDir: boolean
  /** ~/.aws/credentials is followed (dotfiles kept in a repo); clokta's own files are never written through a link */
  symlinks: Symlinks
}

/** Where the files that are not clokta's own live, as the run's environment names them. */
export interface Destinations {
  /** ~/.aws/credentials, or AWS_SHARED_CREDENTIALS_FILE */
  credentialsFile: string
}

export type ArtefactWriter = (pc: ProfileCredentials, to: Destinations) => Promise<PreparedFile>
